using Disambig.Storage;

namespace Disambig.Grains.Services;

/// <summary>
/// The object stores of the pipeline: the catalog's audio, training datasets, model checkpoints
/// (<c>{version}/model.bin</c>), and results (<c>names/</c>, <c>sweeps/</c>). Local folders in the embedded default,
/// blob containers in a cluster.
/// </summary>
/// <param name="Catalog">Audio files under their relative catalog paths.</param>
/// <param name="Datasets">Labelled training catalogs: a <c>catalog.jsonl</c> whose audio paths are relative to its folder.</param>
/// <param name="Models">Model checkpoints.</param>
/// <param name="Results">Per-name results and sweep reports.</param>
public sealed record PipelineStores(IBlobStore Catalog, IBlobStore Datasets, IBlobStore Models, IBlobStore Results);
