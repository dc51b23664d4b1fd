using Aspire.Hosting.ApplicationModel;

namespace WalletFlow.AppHost.Resources;

/// <summary>Redis from the machine's <c>redis-server</c>, on a loopback port that Aspire allocates: the Orleans membership table and an accelerator, never the source of truth for money.</summary>
internal sealed class RedisExecutableResource(string name, string workingDirectory)
    : ExecutableResource(name, "redis-server", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}");
}
