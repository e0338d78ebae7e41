namespace Disambig.Grains.Hosting;

/// <summary>
/// The one grain storage provider name of the pipeline. The host backs it with memory or local files in the embedded
/// default, Azurite in tests and Azure blobs in production; the grains never know which.
/// </summary>
public static class GrainStorage
{
    public const string Name = "disambig";
}
