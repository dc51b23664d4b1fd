using Aspire.Hosting.ApplicationModel;

namespace WalletFlow.AppHost.Resources;

/// <summary>
/// WalletFlow's Postgres cluster run from the machine's binaries (no container engine here), on a loopback port that
/// Aspire allocates. Its connection string names WalletFlow's database, which the migrator creates.
/// </summary>
internal sealed class PostgresExecutableResource(string name, string workingDirectory)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string DatabaseName = "walletflow";
    public const string Superuser = "postgres";

    public EndpointReference Endpoint => new(this, EndpointName);

    // 127.0.0.1 rather than the endpoint's "localhost": the server listens on IPv4 only, and Npgsql would try ::1 first.
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Endpoint.Property(EndpointProperty.Port)};Username={Superuser};Database={DatabaseName}");
}
