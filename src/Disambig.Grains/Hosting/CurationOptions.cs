namespace Disambig.Grains.Hosting;

/// <summary>
/// How sweeps treat curators' decisions and which names await review (section <c>Disambig:Curation</c>). Validated once
/// at silo start by <see cref="Validate"/>.
/// </summary>
public sealed class CurationOptions
{
    public const string SectionName = "Disambig:Curation";

    /// <summary>
    /// Share of a name's tracks (added plus removed, over the tracks it had when the split was rejected) beyond which a
    /// rejected split may be proposed again. Default 0.2; range 0 to 1 (0: any change reopens it; 1: only a change larger
    /// than the whole name does).
    /// </summary>
    public double ReopenRejectedSplitShare { get; set; } = 0.2;

    /// <summary>
    /// Split confidence below which a name kept whole still awaits review (it is flagged not confident). Default 0.25;
    /// range 0 to 1 (0: never flagged).
    /// </summary>
    public double ConfidentFrom { get; set; } = 0.25;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public CurationOptions Validate()
    {
        if (!(ReopenRejectedSplitShare is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(ReopenRejectedSplitShare), ReopenRejectedSplitShare, $"{nameof(ReopenRejectedSplitShare)} must lie in [0, 1].");
        if (!(ConfidentFrom is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(ConfidentFrom), ConfidentFrom, $"{nameof(ConfidentFrom)} must lie in [0, 1].");
        return this;
    }
}
