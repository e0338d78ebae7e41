using System.Globalization;
using Disambig.Audio;
using Disambig.Datasets;
using Disambig.Storage;

namespace Disambig.Evaluation;

/// <summary>Finds the prepared datasets under a folder, so a model's training set can be named by its dataset digest.</summary>
public static class TrainingSets
{
    /// <summary>Every complete dataset below <paramref name="folder"/>, by manifest digest.</summary>
    public static async Task<IReadOnlyDictionary<string, TrainingSetSize>> FindAsync(string folder, CancellationToken cancellationToken)
    {
        var store = new LocalFolderBlobStore(folder);
        var found = new Dictionary<string, TrainingSetSize>(StringComparer.Ordinal);
        var suffix = "/" + SegmentDatasetManifest.FileName;
        await foreach (var name in store.ListAsync("", cancellationToken))
        {
            if (name != SegmentDatasetManifest.FileName && !name.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var prefix = name[..^SegmentDatasetManifest.FileName.Length];
            var manifest = await ShardedSegmentDataset.ReadManifestAsync(store, prefix, cancellationToken);
            var seconds = manifest.Recipe.TryGetValue("segmentSeconds", out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : SecondsOf(manifest.Frames);
            var recipe = manifest.Recipe.TryGetValue("recipe", out var r) ? r : "unknown";
            found[manifest.Digest] = new TrainingSetSize(prefix.TrimEnd('/'), recipe, manifest.Artists.Count, manifest.SegmentCount, manifest.SegmentCount * seconds / 3600);
        }
        return found;
    }

    /// <summary>Segment length from its frame count at 22 050 Hz and hop 512 (388 frames: 9 s; 130: 3 s).</summary>
    private static double SecondsOf(int frames) => Math.Round((frames - 1) * (double)MelSpectrogram.HopLength / MelSpectrogram.SampleRate);
}
