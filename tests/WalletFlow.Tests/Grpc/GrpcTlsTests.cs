extern alias client;

using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using client::WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Bench.Load;
using WalletFlow.Postgres;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>With an https <c>WALLETFLOW_GRPC_URL</c> and a certificate configured the standard Kestrel way, gRPC is served over TLS (HTTP/2 by ALPN).</summary>
public sealed class GrpcTlsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task With_an_https_address_and_a_certificate_the_commands_are_served_over_tls()
    {
        using var certificate = SelfSigned();
        var pfx = Path.Combine(Path.GetTempPath(), $"walletflow-grpc-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"), TestContext.Current.CancellationToken);
        try
        {
            var address = new Uri($"https://127.0.0.1:{FreePort.Pick()}");
            await using var api = await GrpcApi.StartAsync(postgres, nameof(GrpcTlsTests), new Dictionary<string, string>
            {
                ["WALLETFLOW_GRPC_URL"] = address.ToString(),
                ["AUTH_TOKEN"] = WalletGrpc.Token,
                ["Kestrel:Certificates:Default:Path"] = pfx,
                ["Kestrel:Certificates:Default:Password"] = "test-password",
            });
            var presentedOurs = false;
            var handler = new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    // Trust exactly the certificate configured for the endpoint, and note that it was the one presented.
                    RemoteCertificateValidationCallback = (_, presented, _, _) =>
                        presentedOurs = presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
                },
            };
            using var client = new GrpcTransferClient(address, WalletGrpc.Token, handler);

            var refused = await client.TransferAsync(new TransferRequest { SourceWalletId = "not-a-wallet", DestinationWalletId = "wal_b", AmountMinor = 100, Currency = "USD" }, "tls-1", cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(3, refused.Status);
            Assert.StartsWith("INVALID_ID: ", refused.Message, StringComparison.Ordinal);
            Assert.True(presentedOurs);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
