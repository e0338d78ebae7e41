using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Disambig.Silo.Security;
using Disambig.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Disambig.Silo.Tests.Security;

public sealed class ClusterTlsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task TwoSilosAndAClient_SameSelfSignedCertificate_FormAClusterAndCallGrainsOverTls()
    {
        var settings = Settings(_certificates.SelfSigned("release"));
        var (primaryPort, primaryGateway, secondaryPort, secondaryGateway) = (FreePorts.Loopback(), FreePorts.Loopback(), FreePorts.Loopback(), FreePorts.Loopback());
        using var primary = await StartSiloAsync(settings, primaryPort, primaryGateway, primaryPort);
        using var secondary = await StartSiloAsync(settings, secondaryPort, secondaryGateway, primaryPort);
        using var client = await StartClientAsync(settings, primaryGateway, secondaryGateway);

        var grains = client.Services.GetRequiredService<IClusterClient>();
        var hosts = await Task.WhenAll(Enumerable.Range(0, 100).Select(key => grains.GetGrain<ISiloProbeGrain>(key).HostingSilo()));

        // Random placement over both silos: the silos reached each other (and the client both) only through TLS.
        Assert.Equal(2, hosts.Distinct().Count());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Gateway_ClientWithAnotherCertificateOrNone_IsRefused(bool presentsCertificate)
    {
        var (port, gateway) = (FreePorts.Loopback(), FreePorts.Loopback());
        using var silo = await StartSiloAsync(Settings(_certificates.SelfSigned("release")), port, gateway, port);
        var intruder = _certificates.SelfSigned("intruder");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, gateway);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = presentsCertificate ? [X509Certificate2.CreateFromPemFile(intruder.CertificateFile, intruder.KeyFile)] : null,
        };

        // The silo rejects the handshake, or (TLS 1.3, where the client's certificate is checked after the client's
        // handshake completes) closes the connection before any Orleans byte: the intruder never gets a preamble.
        var refused = await RefusedAsync(async () =>
        {
            await tls.AuthenticateAsClientAsync(options);
            return await tls.ReadAsync(new byte[1]);
        });

        Assert.True(refused);
    }

    [Fact]
    public void PeerTrust_WithCa_TrustsCertificatesItIssuedOnly()
    {
        var (caFile, issue) = _certificates.Authority("release-ca");
        var trust = ClusterTls.Load(Settings(issue("silo-a"), caFile));
        var (siloB, _) = issue("silo-b");
        var (stranger, _) = _certificates.SelfSigned("stranger");

        Assert.True(trust.Trusts(Certificate(siloB)));
        Assert.False(trust.Trusts(Certificate(stranger)));
    }

    [Fact]
    public void PeerTrust_WithoutCa_TrustsItsOwnCertificateOnly()
    {
        var own = _certificates.SelfSigned("release");
        var trust = ClusterTls.Load(Settings(own));
        var (other, _) = _certificates.SelfSigned("other-release");

        Assert.True(trust.Trusts(Certificate(own.CertificateFile)));
        Assert.False(trust.Trusts(Certificate(other)));
    }

    [Fact]
    public void Validate_IncompleteOrMissingFiles_ThrowsNamingTheSetting()
    {
        var (certificate, key) = _certificates.SelfSigned("release");

        Assert.False(ClusterTls.IsEnabled(new ClusterSiloSettings()));
        Assert.Contains("TlsKeyFile", Assert.Throws<ArgumentException>(() => ClusterTls.Validate(new ClusterSiloSettings { TlsCertificateFile = certificate })).Message, StringComparison.Ordinal);
        Assert.Contains("TlsCertificateFile", Assert.Throws<ArgumentException>(() => ClusterTls.Validate(new ClusterSiloSettings { TlsKeyFile = key })).Message, StringComparison.Ordinal);
        var missing = Path.Combine(_certificates.Folder, "absent.crt");
        var error = Assert.Throws<ArgumentException>(() => ClusterTls.Validate(new ClusterSiloSettings { TlsCertificateFile = certificate, TlsKeyFile = key, TlsCaFile = missing }));
        Assert.Contains("TlsCaFile", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyOfAnotherCertificate_ThrowsNamingTheFiles()
    {
        var (certificate, _) = _certificates.SelfSigned("release");
        var (_, otherKey) = _certificates.SelfSigned("other");

        var error = Assert.Throws<ArgumentException>(() => ClusterTls.Load(new ClusterSiloSettings { TlsCertificateFile = certificate, TlsKeyFile = otherKey }));

        Assert.Contains(certificate, error.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> RefusedAsync(Func<Task<int>> handshakeAndRead)
    {
        try
        {
            return await handshakeAndRead() == 0;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return true;
        }
    }

    private static X509Certificate2 Certificate(string pemFile) => X509CertificateLoader.LoadCertificateFromFile(pemFile);

    private static ClusterSiloSettings Settings((string CertificateFile, string KeyFile) files, string caFile = "") =>
        new() { TlsCertificateFile = files.CertificateFile, TlsKeyFile = files.KeyFile, TlsCaFile = caFile };

    private static async Task<IHost> StartSiloAsync(ClusterSiloSettings settings, int siloPort, int gatewayPort, int primaryPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort))
            .UseDisambigTls(settings));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IHost> StartClientAsync(ClusterSiloSettings settings, params int[] gatewayPorts)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPorts).UseDisambigTls(settings));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
