using Orleans.Serialization;

namespace Disambig.Silo.Bench;

/// <summary>
/// Tells <see cref="BenchSizes"/> the serialized size of every incoming grain call's arguments and of its result, as
/// the silo's serializer writes them (calls between activations of one silo are copied, not serialized: the size is
/// what the message would weigh between silos).
/// </summary>
internal sealed class MessageSizeFilter(Serializer serializer, BenchSizes sizes) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        long arguments = 0;
        for (var i = 0; i < context.Request.GetArgumentCount(); i++) arguments += SizeOf(context.Request.GetArgument(i));
        sizes.Message(arguments, () => $"{context.InterfaceName}.{context.MethodName} arguments");
        await context.Invoke();
        sizes.Message(SizeOf(context.Result), () => $"{context.InterfaceName}.{context.MethodName} result");
    }

    /// <summary>Serialized size of one argument or result; 0 for what never travels (cancellation tokens, types without a codec).</summary>
    private long SizeOf(object? value)
    {
        if (value is null or CancellationToken) return 0;
        try
        {
            return serializer.SerializeToArray<object>(value).LongLength;
        }
        catch (CodecNotFoundException)
        {
            return 0;
        }
    }
}
