using Disambig.Dashboard.Security;

namespace Disambig.Dashboard.Tests;

public sealed class SecretRedactionTests
{
    [Fact]
    public void Redact_StorageConnectionString_MasksTheKeyAndKeepsTheEndpoints()
    {
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        var text = $"Cannot reach DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
        var redacted = SecretRedaction.Redact(text);
        Assert.DoesNotContain(key, redacted);
        Assert.Contains("AccountKey=***", redacted);
        Assert.Contains("BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1", redacted);
    }

    [Fact]
    public void Redact_SasUrlAndSignatureSetting_MasksSignatures()
    {
        var redacted = SecretRedaction.Redact("https://acct.blob.core.windows.net/models?sv=2024-01-01&sig=abc%2Bdef123 and SharedAccessSignature=sv=1&sig=zzz");
        Assert.DoesNotContain("abc%2Bdef123", redacted);
        Assert.DoesNotContain("zzz", redacted);
        Assert.Contains("sv=2024-01-01", redacted);
    }

    [Fact]
    public void Redact_TextWithoutSecrets_IsUnchanged() =>
        Assert.Equal("sweep 42 finished: 10 names", SecretRedaction.Redact("sweep 42 finished: 10 names"));
}
