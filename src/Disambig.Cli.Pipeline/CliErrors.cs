using System.Text.RegularExpressions;
using Azure;
using Disambig.Catalog;
using Disambig.Embedding.Checkpoints;
using Disambig.Grains.Placement;
using Disambig.Storage;
using Orleans.Runtime.Messaging;

namespace Disambig.Cli;

/// <summary>
/// Turns what escapes a command into the one line a user reads (<c>error: ...</c>), never a stack trace, and keeps
/// storage secrets (account keys, shared access signatures) out of every line the CLI prints.
/// </summary>
internal static partial class CliErrors
{
    /// <summary>Exit code of a command stopped by an error it could not handle (a wrong setting, storage or cluster down).</summary>
    public const int Failure = 1;

    /// <summary>The one line describing <paramref name="error"/>, naming the problem, secrets masked.</summary>
    public static string Describe(Exception error) => "error: " + Redact(Explain(Unwrap(error)));

    /// <summary>Masks account keys, signatures and passwords written as <c>Key=value</c> in <paramref name="text"/>.</summary>
    public static string Redact(string text) => Secret().Replace(text, match => match.Groups["name"].Value + "=***");

    /// <summary>Writes the line for <paramref name="error"/> and returns <see cref="Failure"/>.</summary>
    public static async Task<int> ReportAsync(TextWriter output, Exception error)
    {
        await output.WriteLineAsync(Describe(error));
        return Failure;
    }

    private static Exception Unwrap(Exception error)
    {
        while (error is AggregateException { InnerExceptions.Count: 1 } aggregate) error = aggregate.InnerExceptions[0];
        return error;
    }

    private static string Explain(Exception error) => error switch
    {
        CliUsageException e => e.Message,
        RequestFailedException { Status: 403 } e =>
            $"storage refused the credentials of the connection string ({e.ErrorCode ?? "403 Forbidden"}); check the account name and key.",
        RequestFailedException { ErrorCode: "ContainerNotFound" } =>
            "a blob container the command needs does not exist in the storage account.",
        RequestFailedException { Status: 0 } e => StorageUnreachable(e.InnerException?.Message ?? e.Message),
        RequestFailedException e => $"storage answered {e.Status} {e.ErrorCode}: {FirstLine(e.Message)}",
        AggregateException { InnerExceptions: [RequestFailedException inner, ..] } => Explain(inner),
        HttpRequestException e => StorageUnreachable(e.Message),
        FormatException or ArgumentException or InvalidOperationException when IsConnectionString(error) => BadConnectionString(error),
        SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException =>
            $"no silo of the cluster answers ({FirstLine(error.Message)}); start the silos (docs/operations.md, local cluster) and check the cluster id.",
        OrleansException e when e.Message.Contains("gateway", StringComparison.OrdinalIgnoreCase) =>
            $"no silo of the cluster answers ({FirstLine(e.Message)}); start the silos (docs/operations.md, local cluster) and check the cluster id.",
        TimeoutException e => $"the cluster did not answer in time ({FirstLine(e.Message)}); what it finished stays done: run the same command again to continue.",
        NoSiloWithRoleException e => FirstLine(e.Message),
        CheckpointException e => FirstLine(e.Message),
        CatalogFormatException e => FirstLine(e.Message),
        UnsafeCatalogPathException e => FirstLine(e.Message),
        InvalidBlobNameException e => FirstLine(e.Message),
        BlobNotFoundException e => FirstLine(e.Message),
        FileNotFoundException or DirectoryNotFoundException => $"{FirstLine(error.Message)} Check the path.",
        UnauthorizedAccessException => $"{FirstLine(error.Message)} Check the file's permissions or choose another path.",
        IOException => $"{FirstLine(error.Message)} Check the path and the free disk space.",
        _ => $"{FirstLine(error.Message)} ({error.GetType().Name})",
    };

    private static string StorageUnreachable(string reason) =>
        $"storage is unreachable ({FirstLine(reason)}); start it (tools/azurite.sh start for a local one) or check the endpoints of the connection string.";

    private static string BadConnectionString(Exception e) =>
        $"the storage connection string is not valid ({FirstLine(e.Message)}); pass the account's connection string (DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...).";

    private static bool IsConnectionString(Exception e) =>
        e.Message.Contains("connection string", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("storage connection", StringComparison.OrdinalIgnoreCase)
        || e.StackTrace?.Contains("Azure.Storage.StorageConnectionString", StringComparison.Ordinal) == true
        || e.StackTrace?.Contains("TableConnectionString", StringComparison.Ordinal) == true;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "(no message)" : line;
    }

    [GeneratedRegex(@"(?<name>AccountKey|SharedAccessSignature|sig|Password|SharedAccessKey)=[^;&\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}
