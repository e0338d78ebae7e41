using Disambig.Embedding.Data;
using Disambig.Embedding.Sampling;

namespace Disambig.Embedding.Training;

/// <summary>
/// Draws and reads the next step's batch on the thread pool while the current step runs on a GPU (the host read
/// then overlaps the device's work; the trainer does not start one on the CPU). Batches depend only on the seed and the step.
/// Reads never overlap one another, and <see cref="SettleAsync"/> lets the pending one finish before other reads
/// (validation) or the end of training.
/// </summary>
internal sealed class BatchPrefetcher(TripletBatchSampler sampler, ISegmentDataset dataset, int seed, int valuesPerBatch) : IAsyncDisposable
{
    private readonly float[][] _buffers = [new float[valuesPerBatch], new float[valuesPerBatch]];
    private Task<TripletBatch>? _next;
    private int _nextStep = -1;

    /// <summary>Starts reading the batch of <paramref name="step"/> into its buffer.</summary>
    public void Start(int step, CancellationToken cancellationToken)
    {
        _nextStep = step;
        _next = Task.Run(() => ReadAsync(step, cancellationToken), cancellationToken);
    }

    /// <summary>The batch of <paramref name="step"/> and its segments [N·n, frames, mel], read now unless prefetched.</summary>
    public async Task<(TripletBatch Batch, float[] Segments)> TakeAsync(int step, CancellationToken cancellationToken)
    {
        if (_next is null || _nextStep != step)
        {
            // Nothing prefetched (always so on the CPU): read on the caller's thread. A hop to the thread pool would
            // run the next step on a thread whose libtorch settings (its OpenMP thread count) may differ, and
            // same-seed runs were seen to differ in the last bits.
            await SettleAsync();
            _next = null;
            return (await ReadAsync(step, cancellationToken), _buffers[step % 2]);
        }
        var batch = await _next;
        _next = null;
        return (batch, _buffers[step % 2]);
    }

    /// <summary>Waits for the pending read, if any (its outcome is kept for <see cref="TakeAsync"/>).</summary>
    public async Task SettleAsync()
    {
        if (_next is not null) await ((Task)_next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync() => await SettleAsync();

    private async Task<TripletBatch> ReadAsync(int step, CancellationToken cancellationToken)
    {
        var batch = sampler.Sample(StepSeeds.Batch(seed, step));
        await dataset.ReadSegmentsAsync(batch.Segments.ToArray(), _buffers[step % 2], cancellationToken);
        return batch;
    }
}
