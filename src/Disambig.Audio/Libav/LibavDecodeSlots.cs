namespace Disambig.Audio.Libav;

/// <summary>
/// Runs <see cref="LibavPcmReader"/> for a decoder, at most <see cref="AudioOptions.DecodeProcesses"/> tracks at once
/// (at least one), each on a thread of its own so that the blocking decode never holds a thread-pool thread.
/// </summary>
internal sealed class LibavDecodeSlots(AudioOptions options)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.DecodeProcesses));

    public async Task<FfmpegPcmReader.Pcm> ReadAsync(FfmpegPcmReader.DecodeRequest request, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Factory.StartNew(() => LibavPcmReader.Read(request, options, cancellationToken), cancellationToken,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
