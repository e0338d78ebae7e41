using Disambig.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Disambig.Silo;

/// <summary>Binds the pipeline's settings from configuration, e.g. <c>Disambig__Pipeline__TracksInFlightPerCore=64</c>.</summary>
public static class PipelineOptionsBinding
{
    /// <summary>Configuration section of <see cref="PipelineOptions"/>.</summary>
    public const string SectionName = "Disambig:Pipeline";

    /// <summary>
    /// Binds <see cref="PipelineOptions"/> from <see cref="SectionName"/> of the silo's configuration, over the values
    /// set in code; validated once at start with the rest (a value out of range stops the silo, naming the setting).
    /// </summary>
    public static ISiloBuilder BindDisambigPipelineOptions(this ISiloBuilder builder) =>
        builder.BindDisambigPipelineOptions(builder.Configuration);

    /// <inheritdoc cref="BindDisambigPipelineOptions(ISiloBuilder)"/>
    public static ISiloBuilder BindDisambigPipelineOptions(this ISiloBuilder builder, IConfiguration configuration)
    {
        builder.Services.BindDisambigPipelineOptions(configuration);
        return builder;
    }

    /// <inheritdoc cref="BindDisambigPipelineOptions(ISiloBuilder)"/>
    public static IServiceCollection BindDisambigPipelineOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(SectionName));
        return services;
    }
}
