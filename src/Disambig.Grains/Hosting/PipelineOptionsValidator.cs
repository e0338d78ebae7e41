namespace Disambig.Grains.Hosting;

/// <summary>Validates <see cref="PipelineOptions"/> once at silo start, naming the first setting out of range.</summary>
internal sealed class PipelineOptionsValidator() : SettingsValidator<PipelineOptions>("Disambig:Pipeline", options => options.Validate());
