using Disambig.Audio;
using Microsoft.Extensions.Configuration;

namespace Disambig.Silo;

/// <summary>
/// A cluster silo's audio front end settings from configuration, e.g. <c>Disambig__Audio__DecodeEngine=Libav</c> or
/// <c>Disambig__Audio__PinDecodeProcesses=false</c>; the segment length still comes from each model.
/// </summary>
public static class AudioOptionsBinding
{
    /// <summary>Configuration section of <see cref="AudioOptions"/>.</summary>
    public const string SectionName = "Disambig:Audio";

    /// <summary>
    /// <see cref="AudioOptions"/>' defaults overridden by <see cref="SectionName"/>, validated: a value out of range (or
    /// the in-process engine where FFmpeg's libraries are missing) stops the silo at start with an error naming
    /// <c>Disambig:Audio:</c> and the setting.
    /// </summary>
    public static AudioOptions Read(IConfiguration configuration)
    {
        var options = new AudioOptions();
        var section = configuration.GetSection(SectionName);
        try
        {
            section.Bind(options);
            options.Validate();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{SectionName}: {e.Message}", e);
        }
        return options;
    }
}
