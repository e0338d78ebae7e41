namespace Disambig.Embedding.Networks;

/// <summary>
/// How the metric network (Table 1) turns the last pooling's [filters, time, features] into the dense layer's input;
/// the paper's table and text disagree (see docs/model.md, *Flatten and average*).
/// </summary>
public enum MetricHead
{
    /// <summary>The text: filters and features flattened together, averaged over time (448 values for 9 s). The default.</summary>
    TimeAverage,

    /// <summary>The table as printed: time and features flattened together, averaged over the filters (147 values for 9 s).</summary>
    ChannelAverage,
}
