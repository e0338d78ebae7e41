namespace Disambig.Grains.Hosting;

/// <summary>Validates <see cref="CurationOptions"/> (<c>Disambig:Curation:*</c>) once at silo start, naming the first setting out of range.</summary>
internal sealed class CurationOptionsValidator() : SettingsValidator<CurationOptions>(CurationOptions.SectionName, options => options.Validate());
