using Disambig.Grains;
using Disambig.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Disambig.TestSupport.Pipeline;

/// <summary>
/// Bytes of a value in the Orleans binary format the silos use for grain state and messages: what the 1 MB bounds of
/// big names and paged results are checked against.
/// </summary>
public static class SerializedSize
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(PipelineOptions).Assembly).AddAssembly(typeof(NameResult).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    public static int Of<T>(T value) => Serializer.SerializeToArray(value).Length;
}
