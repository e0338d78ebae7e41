using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Disambig.Silo.Security;

/// <summary>
/// Mutual TLS on the silo-to-silo and gateway connections (Orleans' TLS support), on when
/// <see cref="ClusterSiloSettings.TlsCertificateFile"/> is set: every silo and client presents the PEM certificate and
/// key mounted from the release's Secret and accepts a peer only if it presents a certificate it trusts: one issued by
/// the CA of <see cref="ClusterSiloSettings.TlsCaFile"/> when given, else the very same certificate (a shared
/// self-signed one). Peers are reached by IP address, so host names are not checked.
/// </summary>
public static class ClusterTls
{
    /// <summary>Whether <paramref name="settings"/> turn TLS on.</summary>
    public static bool IsEnabled(ClusterSiloSettings settings) => settings.TlsCertificateFile.Length > 0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when the TLS files are inconsistent or missing.</summary>
    public static void Validate(ClusterSiloSettings settings)
    {
        if (!IsEnabled(settings))
        {
            if (settings.TlsKeyFile.Length > 0 || settings.TlsCaFile.Length > 0)
                throw new ArgumentException("TlsKeyFile or TlsCaFile is set without TlsCertificateFile: TLS needs the certificate file.");
            return;
        }

        if (settings.TlsKeyFile.Length == 0) throw new ArgumentException("TlsCertificateFile is set without TlsKeyFile: TLS needs the private key file.");
        foreach (var (name, path) in new[] { ("TlsCertificateFile", settings.TlsCertificateFile), ("TlsKeyFile", settings.TlsKeyFile), ("TlsCaFile", settings.TlsCaFile) })
        {
            if (path.Length > 0 && !File.Exists(path)) throw new ArgumentException($"{name} '{path}' does not exist.");
        }
    }

    /// <summary>Mutual TLS on this silo's silo and gateway ports and on its connections to other silos; nothing when off.</summary>
    public static ISiloBuilder UseDisambigTls(this ISiloBuilder silo, ClusterSiloSettings settings)
    {
        if (!IsEnabled(settings)) return silo;
        var trust = Load(settings);
        return silo.UseTls(trust.Certificate, options => trust.Configure(options));
    }

    /// <summary>Mutual TLS on a client's gateway connections; nothing when off.</summary>
    public static IClientBuilder UseDisambigTls(this IClientBuilder client, ClusterSiloSettings settings)
    {
        if (!IsEnabled(settings)) return client;
        var trust = Load(settings);
        return client.UseTls(trust.Certificate, options => trust.Configure(options));
    }

    /// <summary>The certificate, key and trusted CA of <paramref name="settings"/>; <see cref="ArgumentException"/> naming the file that does not load.</summary>
    public static PeerTrust Load(ClusterSiloSettings settings)
    {
        Validate(settings);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(settings.TlsCertificateFile, settings.TlsKeyFile);
        }
        // A key of another certificate is an ArgumentException for some key types, a CryptographicException for others.
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ArgumentException($"TlsCertificateFile '{settings.TlsCertificateFile}' with TlsKeyFile '{settings.TlsKeyFile}' is no PEM certificate and key: {e.Message}");
        }

        X509Certificate2Collection authorities = [];
        if (settings.TlsCaFile.Length > 0)
        {
            try
            {
                authorities.ImportFromPemFile(settings.TlsCaFile);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw new ArgumentException($"TlsCaFile '{settings.TlsCaFile}' holds no PEM certificate: {e.Message}");
            }

            if (authorities.Count == 0) throw new ArgumentException($"TlsCaFile '{settings.TlsCaFile}' holds no PEM certificate.");
        }

        return new PeerTrust(certificate, authorities);
    }

    /// <summary>This process's certificate and whom it trusts.</summary>
    public sealed class PeerTrust(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        public X509Certificate2 Certificate { get; } = certificate;

        /// <summary>Whether a peer presenting <paramref name="remote"/> is one of the release's pods.</summary>
        public bool Trusts(X509Certificate2 remote)
        {
            if (authorities.Count == 0) return remote.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(remote);
        }

        internal void Configure(TlsOptions options)
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            // Replaces the platform's check (which rejects self-signed certificates and IP addresses as names).
            options.RemoteCertificateValidation = (remote, _, errors) =>
                (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && Trusts(remote);
        }
    }
}
