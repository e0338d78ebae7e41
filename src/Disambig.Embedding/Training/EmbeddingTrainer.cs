using Disambig.Embedding.Data;
using Disambig.Embedding.Devices;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Sampling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Disambig.Embedding.Training;

/// <summary>
/// Trains either system with RMSProp on batches of N artists x n segments, validates every
/// <see cref="TrainingConfig.ValidationInterval"/> steps, stops early when the validation metric stops improving,
/// and leaves the best weights in the network. Given the same seed, data and initial weights, every run gives the
/// same weights; a run resumed from its checkpoint continues exactly as if never interrupted (bit for bit on the CPU).
/// Runs on <see cref="Device"/> (CUDA when available unless told otherwise): network, batches, mining distances, loss
/// and dropout noise live there; the network is back on the CPU when training returns or fails.
/// </summary>
public sealed class EmbeddingTrainer
{
    private readonly EmbeddingNetwork _network;
    private readonly TrainingConfig _config;
    private readonly IValidationMetric _metric;

    /// <param name="network">Trained in place; for the classifier, one output per training artist.</param>
    /// <param name="device">Where to train: default <see cref="ComputeDevice.Auto"/>, CUDA when libtorch has a GPU.</param>
    /// <exception cref="InvalidOperationException">CUDA was asked for and there is no GPU.</exception>
    public EmbeddingTrainer(EmbeddingNetwork network, TrainingConfig config, IValidationMetric metric, ComputeDevice device = ComputeDevice.Auto)
    {
        _network = network;
        _config = config.Validate();
        _metric = metric;
        Device = ComputeDevices.Resolve(device);
    }

    /// <summary>Where the training steps run.</summary>
    public Device Device { get; }

    /// <param name="checkpoints">Where the run saves and resumes; null trains without saving.</param>
    /// <param name="progress">Called on the training thread after every step.</param>
    /// <exception cref="EmbeddingCollapsedException">Embeddings of different artists stayed together for too long.</exception>
    /// <exception cref="Checkpoints.CheckpointException">The run's checkpoint exists but cannot be resumed.</exception>
    public async Task<TrainingResult> TrainAsync(
        DatasetSplit data, TrainingCheckpoints? checkpoints, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        _network.MoveTo(Device);
        try
        {
            return await TrainOnDeviceAsync(data, checkpoints, progress, cancellationToken);
        }
        finally
        {
            _network.MoveTo(CPU);
        }
    }

    private async Task<TrainingResult> TrainOnDeviceAsync(
        DatasetSplit data, TrainingCheckpoints? checkpoints, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var training = data.Training;
        CheckFits(training);
        CheckFits(data.Validation);
        if (_network.Spec.Kind == NetworkKind.Classifier && _network.Spec.ArtistCount != training.Labels.ArtistCount)
        {
            throw new ArgumentException(
                $"The classifier has {_network.Spec.ArtistCount} outputs but the training data has {training.Labels.ArtistCount} artists.", nameof(data));
        }
        var config = _config;
        var sampler = new TripletBatchSampler(training.Labels, config.Batch, NegativesFor(training.Labels));
        var validation = new ValidationSet(data.Validation, config.MaxValidationSegments, config.Seed);

        using var optimizer = optim.RMSProp(_network.parameters(), config.LearningRate, alpha: config.Rho, eps: config.Epsilon);
        ITrainingObjective objective = _network.Spec.Kind == NetworkKind.Metric
            ? new TripletObjective(_network, optimizer, config.Margin)
            : new ClassificationObjective(_network, optimizer);
        using var best = new WeightsSnapshot();
        var state = checkpoints is null ? TrainingState.Start
            : await checkpoints.ResumeAsync(_network, optimizer, config, best, cancellationToken) ?? TrainingState.Start;
        var collapse = new CollapseDetector(config.CollapseThreshold, config.CollapsePatience, state.CollapseSteps);

        var shape = config.Batch;
        await using var batches = new BatchPrefetcher(sampler, training, config.Seed, shape.SegmentCount * training.Frames * training.MelBands);
        var stop = TrainingStop.MaxSteps;
        while (state.Step < config.MaxSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (batch, values) = await batches.TakeAsync(state.Step, cancellationToken);
            config.Augmentation?.Apply(values, shape.SegmentCount, training.Frames, training.MelBands, StepSeeds.Augmentation(config.Seed, state.Step));
            StepOutcome outcome;
            using (var scope = NewDisposeScope())
            {
                var segments = SegmentTensors.FromSpan(values, shape.SegmentCount, training.Frames, training.MelBands).to(Device);
                // Overlap the next read with the step only on a GPU; on the CPU the step stays on this thread
                // (see BatchPrefetcher.TakeAsync), so same-seed runs give the same bits.
                if (state.Step + 1 < config.MaxSteps && Device.type == DeviceType.CUDA) batches.Start(state.Step + 1, cancellationToken);
                outcome = objective.Step(segments, batch, StepSeeds.Noise(config.Seed, state.Step));
            }
            var collapseState = outcome.MeanDistanceBetweenArtists is { } spread ? collapse.Observe(spread) : CollapseState.Healthy;
            if (collapseState == CollapseState.Collapsed)
            {
                throw new EmbeddingCollapsedException(state.Step + 1, outcome.MeanDistanceBetweenArtists!.Value, config.CollapseThreshold, collapse.ConsecutiveSteps);
            }
            state = state with { Step = state.Step + 1, CollapseSteps = collapse.ConsecutiveSteps };

            double? validated = null;
            if (state.Step % config.ValidationInterval == 0 || state.Step == config.MaxSteps)
            {
                await batches.SettleAsync();
                var value = await validation.EvaluateAsync(_network, _metric, cancellationToken);
                validated = value;
                if (state.BestValidation is not { } previous || value < previous)
                {
                    state = state with { BestValidation = value, BestStep = state.Step, ValidationsWithoutImprovement = 0 };
                    best.Capture(_network);
                    if (checkpoints is not null)
                    {
                        var metrics = new Dictionary<string, double> { [_metric.Name] = value, ["step"] = state.Step };
                        await checkpoints.SaveBestAsync(_network, config, training.Digest, metrics, cancellationToken);
                    }
                }
                else
                {
                    state = state with { ValidationsWithoutImprovement = state.ValidationsWithoutImprovement + 1 };
                }
                if (checkpoints is not null) await checkpoints.SaveLastAsync(_network, optimizer, state, config, training.Digest, cancellationToken);
            }

            progress?.Report(new TrainingProgress(
                state.Step, outcome.Loss, outcome.Kept, outcome.Total, outcome.MeanDistanceBetweenArtists,
                batch.SameTagNegatives, collapseState, validated, state.BestValidation));
            if (state.ValidationsWithoutImprovement >= config.Patience)
            {
                stop = TrainingStop.EarlyStopping;
                break;
            }
        }

        if (!best.IsEmpty) best.Restore(_network);
        _network.eval();
        return new TrainingResult(state.Step, stop, state.BestValidation ?? double.NaN, state.BestStep, _metric.Name);
    }

    private INegativeSelector NegativesFor(SegmentLabels labels) =>
        _config.SideInformationP > 0
            ? new SideInformationNegativeSelector(new ArtistTagIndex(labels), _config.SideInformationP)
            : new RandomNegativeSelector();

    private void CheckFits(ISegmentDataset dataset)
    {
        var spec = _network.Spec;
        if (dataset.Frames != spec.SegmentFrames || dataset.MelBands != spec.MelBands)
        {
            throw new ArgumentException(
                $"The dataset has segments of {dataset.Frames} x {dataset.MelBands}; the network takes {spec.SegmentFrames} x {spec.MelBands}.");
        }
    }
}
