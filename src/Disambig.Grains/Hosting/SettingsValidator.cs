using Microsoft.Extensions.Options;

namespace Disambig.Grains.Hosting;

/// <summary>
/// The <see cref="IValidateOptions{TOptions}"/> of an options class whose own <c>Validate()</c> throws
/// <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range: the silo refuses to start with one
/// line, <c>{section}:{setting}: {why}</c>.
/// </summary>
/// <param name="section">The configuration section of the options, e.g. <c>Disambig:Pipeline</c>.</param>
/// <param name="validate">The options' own validation.</param>
internal abstract class SettingsValidator<TOptions>(string section, Action<TOptions> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return ValidateOptionsResult.Fail($"{section}:{e.ParamName}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
