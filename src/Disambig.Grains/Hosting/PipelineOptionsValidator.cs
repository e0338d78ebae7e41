using Microsoft.Extensions.Options;

namespace Disambig.Grains.Hosting;

/// <summary>Validates <see cref="PipelineOptions"/> once at silo start, naming the first setting out of range.</summary>
internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return ValidateOptionsResult.Fail($"Disambig:Pipeline:{e.ParamName}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
