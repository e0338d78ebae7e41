using Microsoft.Extensions.Options;

namespace Disambig.Silo.Bench;

/// <summary>
/// Benchmark-only switches of a silo process (section <c>Disambig:Bench</c>, e.g. <c>Disambig__Bench__StubAudio=true</c>).
/// Only the scale benchmark and the multi-process tests set them; a deployment never does, and with every switch off
/// (the default) nothing of <c>Disambig.Silo.Bench</c> is registered.
/// </summary>
public sealed class BenchOptions
{
    /// <summary>Configuration section of these options.</summary>
    public const string SectionName = "Disambig:Bench";

    /// <summary>
    /// Features, embeddings and catalog audio metadata from the stubs of <see cref="StubAudio"/> behind the real seams
    /// (<c>ITrackFeatures</c>, <c>ISegmentEmbedder</c>, the catalog <c>IBlobStore</c>): no audio, no model. Default false.
    /// </summary>
    public bool StubAudio { get; set; }

    /// <summary>Milliseconds each stubbed feature extraction (a track's decode and mel) takes; 0 (default) to 60 000.</summary>
    public int DelayMs { get; set; }

    /// <summary>
    /// Record the largest grain state written and the largest grain call (arguments or result), serialized with the
    /// silo's serializer, count storage operations (grain state by state name, store operations by blob kind, HTTP
    /// requests to the storage service), and serve them at <c>GET /bench/sizes</c>. Costs one extra serialization per
    /// call. Default false.
    /// </summary>
    public bool MeasureSizes { get; set; }

    /// <summary>
    /// A folder shared by the cluster's silo processes on one machine: grain state and the stores live there (files)
    /// instead of in Azure Storage, which keeps only membership and reminders. Empty (default): Azure Storage for all.
    /// Each grain is active on one silo at a time, so its state file has one writer at a time; a benchmark store, not a
    /// deployment's.
    /// </summary>
    public string LocalStoreFolder { get; set; } = "";

    /// <summary>Whether any switch is on.</summary>
    public bool Enabled => StubAudio || MeasureSizes || LocalStoreFolder.Length > 0;
}

/// <summary>Validates <see cref="BenchOptions"/> at start.</summary>
public sealed class BenchOptionsValidator : IValidateOptions<BenchOptions>
{
    public ValidateOptionsResult Validate(string? name, BenchOptions options)
    {
        if (options.DelayMs is < 0 or > 60_000)
            return ValidateOptionsResult.Fail($"{BenchOptions.SectionName}:DelayMs must lie in [0, 60000] (was {options.DelayMs}).");
        if (options.LocalStoreFolder.Length > 0 && !Path.IsPathFullyQualified(options.LocalStoreFolder))
            return ValidateOptionsResult.Fail($"{BenchOptions.SectionName}:LocalStoreFolder must be an absolute path (was '{options.LocalStoreFolder}').");
        return ValidateOptionsResult.Success;
    }
}
