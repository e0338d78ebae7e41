using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Disambig.Silo.Tests.Security;

/// <summary>Certificates (ECDSA P-256: quick to generate) generated for a test, written as PEM files the way a kubernetes.io/tls Secret is mounted.</summary>
internal sealed class TestCertificates : IDisposable
{
    private static readonly OidCollection ServerAndClientAuth = [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")];

    public string Folder { get; } = Directory.CreateTempSubdirectory("disambig-tls-").FullName;

    /// <summary>A self-signed certificate usable by TLS servers and clients, with its key; written as name.crt and name.key.</summary>
    public (string CertificateFile, string KeyFile) SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = Request(name, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return Write(name, certificate, key);
    }

    /// <summary>A CA certificate (written as name.crt) and a function issuing leaf certificates signed by it.</summary>
    public (string CaFile, Func<string, (string CertificateFile, string KeyFile)> Issue) Authority(string name)
    {
        var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var caFile = Path.Combine(Folder, name + ".crt");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        return (caFile, leaf =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var issued = Request(leaf, key).Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(16));
            return Write(leaf, issued, key);
        });
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static CertificateRequest Request(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ServerAndClientAuth, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        return request;
    }

    private (string, string) Write(string name, X509Certificate2 certificate, ECDsa key)
    {
        var certificateFile = Path.Combine(Folder, name + ".crt");
        var keyFile = Path.Combine(Folder, name + ".key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }
}
