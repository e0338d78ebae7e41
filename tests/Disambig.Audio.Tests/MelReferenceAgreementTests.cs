namespace Disambig.Audio.Tests;

[Collection(FfmpegCollection.Name)]
public sealed class MelReferenceAgreementTests(MediaFiles files)
{
    [Fact]
    public async Task Compute_MusicLikeMp3_AgreesWithDirectDftWithin1e3AboveMinus60DbMedianUnder1e5()
    {
        // Harmonic notes with decaying envelopes over a changing bass, plus a little pink noise: a wide dynamic
        // range across bands, as in music.
        var notes = "0.25*sin(2*PI*(220+55*floor(mod(t\\,4)))*t)*exp(-4*mod(t\\,0.5))"
                    + "+0.12*sin(2*PI*3*(220+55*floor(mod(t\\,4)))*t)*exp(-6*mod(t\\,0.5))"
                    + "+0.05*sin(2*PI*2637*t)*exp(-8*mod(t\\,0.25))+0.2*sin(2*PI*55*t)";
        var path = files.Make("music-like.mp3",
            $"-f lavfi -i aevalsrc={notes}:s=44100:d=30 -f lavfi -i anoisesrc=d=30:c=pink:r=44100:a=0.01:seed=3 " +
            "-filter_complex amix=inputs=2:normalize=0 -ac 2 -c:a libmp3lame -b:a 192k");
        var track = await new TrackAudioDecoder(new AudioOptions()).DecodeAsync(path, CancellationToken.None);

        var mel = MelSpectrogram.Compute(track.Samples, track.Plan.Count);

        var segment = 4;
        var samples = track.Samples.AsSpan(segment * track.Plan.SegmentSamples, track.Plan.SegmentSamples);
        var melOfSegment = mel.AsSpan(segment * 388 * 128, 388 * 128);
        var reference = DirectMelReference.Compute(samples, 0, 388);
        DirectMelReference.AssertAgrees(reference, melOfSegment, 0);
    }
}
