using Azure;
using Disambig.Cli.Pipeline;

namespace Disambig.Cli.Tests;

/// <summary>The one error line of the CLI: the problem named, secrets masked.</summary>
public sealed class CliErrorsTests
{
    [Fact]
    public void Redact_OfAConnectionStringAndASignedUrl_MasksTheKeyAndTheSignatureOnly()
    {
        var text = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0+/==;EndpointSuffix=core.windows.net "
            + "https://acct.blob.core.windows.net/c/b?sv=2024-01-01&sig=abc%2Fdef&se=2030";

        var redacted = CliErrors.Redact(text);

        Assert.Equal("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=***;EndpointSuffix=core.windows.net "
            + "https://acct.blob.core.windows.net/c/b?sv=2024-01-01&sig=***&se=2030", redacted);
    }

    [Fact]
    public void Describe_OfRefusedCredentials_IsOneLineNamingTheConnectionString()
    {
        var refused = new RequestFailedException(403, "Server failed to authenticate the request.\nRequestId:1\nTime:2026", "AuthorizationFailure", null);

        Assert.Equal("error: storage refused the credentials of the connection string (AuthorizationFailure); check the account name and key.", CliErrors.Describe(refused));
    }

    [Fact]
    public void Describe_OfAnUnexpectedErrorQuotingAKey_KeepsItsFirstLineWithTheKeyMasked()
    {
        var error = new InvalidOperationException("could not use AccountKey=c2VjcmV0 here\n   at Somewhere()");

        Assert.Equal("error: could not use AccountKey=*** here (InvalidOperationException)", CliErrors.Describe(error));
    }

    [Fact]
    public void Describe_OfAUsageProblem_IsItsMessage()
    {
        Assert.Equal("error: no cluster named: pass it.", CliErrors.Describe(new CliUsageException("no cluster named: pass it.")));
    }

    [Fact]
    public void Describe_OfStorageDown_SaysToStartItOrCheckTheEndpoints()
    {
        var down = new RequestFailedException(0, "Connection refused (127.0.0.1:1)\nRetry failed after 6 tries.");

        Assert.Equal("error: storage is unreachable (Connection refused (127.0.0.1:1)); start it (tools/azurite.sh start for a local one) "
            + "or check the endpoints of the connection string.", CliErrors.Describe(down));
    }

    [Fact]
    public void Describe_OfAConnectionStringNotKeyValuePairs_SaysItIsNotValidAndWhatItLooksLike()
    {
        var malformed = new ArgumentException("The storage connection is not of the form Key=Value;Key=Value.");

        Assert.StartsWith("error: the storage connection string is not valid (The storage connection is not of the form Key=Value;Key=Value.); "
            + "pass the account's connection string", CliErrors.Describe(malformed));
    }

    [Fact]
    public void Describe_OfAMissingFile_NamesItAndSaysToCheckThePath()
    {
        var missing = new FileNotFoundException("Could not find file '/data/catalog.jsonl'.", "/data/catalog.jsonl");

        Assert.Equal("error: Could not find file '/data/catalog.jsonl'. Check the path.", CliErrors.Describe(missing));
    }

    [Fact]
    public void Describe_OfAClusterTimeout_SaysARerunContinues()
    {
        var timeout = new TimeoutException("Response did not arrive on time in 00:00:30 for message: Request ...\n   at Orleans...");

        Assert.Equal("error: the cluster did not answer in time (Response did not arrive on time in 00:00:30 for message: Request ...); "
            + "what it finished stays done: run the same command again to continue.", CliErrors.Describe(timeout));
    }
}
