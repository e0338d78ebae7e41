namespace Disambig.Catalog.Demo;

/// <summary>
/// One album of an artist and its production, which colours every track on it (the "album effect"):
/// a spectral tilt, a low-pass corner, reverb, peak level and a noise floor, and the file format.
/// </summary>
/// <param name="AlbumId">Opaque album id.</param>
/// <param name="Title">Album title.</param>
/// <param name="ReleaseDate">Release date.</param>
/// <param name="Format">File format of its tracks.</param>
/// <param name="TiltDb">Treble boost (positive) or cut (negative) against bass around 800 Hz, in dB.</param>
/// <param name="LowPassHz">Corner of the two-pole low-pass, in Hz.</param>
/// <param name="ReverbMix">Wet fraction of the reverb, 0 (dry) to 1.</param>
/// <param name="ReverbFeedback">Feedback of the reverb's comb filters (longer tail when higher), 0 to 0.9.</param>
/// <param name="PeakDbfs">Peak level of the mastered track, in dBFS.</param>
/// <param name="NoiseFloorDbfs">RMS level of the added white noise, in dBFS.</param>
public sealed record AlbumProduction(
    string AlbumId,
    string Title,
    DateOnly ReleaseDate,
    DemoAudioFormat Format,
    double TiltDb,
    double LowPassHz,
    double ReverbMix,
    double ReverbFeedback,
    double PeakDbfs,
    double NoiseFloorDbfs);
