namespace Disambig.Embedding.Networks;

/// <summary>The two embedding systems the paper compares.</summary>
public enum NetworkKind
{
    /// <summary>The Table 1 network trained with the triplet loss; outputs unit vectors.</summary>
    Metric,

    /// <summary>The artist classifier of Park et al.; its last 256-unit hidden layer is the embedding.</summary>
    Classifier,
}
