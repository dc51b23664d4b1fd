using WalletFlow.AppHost;
using WalletFlow.AppHost.Resources;

// Postgres and Redis run from Debian's binaries through bash and setpriv: the AppHost is for Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// The one command a developer runs (./walletflow run): the resources, then the projects, each waiting for what it needs.
// Everything is plain http on loopback, so the ASP.NET Core developer certificate is neither needed nor trusted (these
// machines have none): asking for its trust would only raise a red notice on the dashboard.
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, TrustDeveloperCertificate = false });
var settings = AppHostSettings.From(builder.Configuration, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..")));
builder.UseWalletFlowDashboard(settings);

// Resources: executables from the machine's binaries by default; containers where a container engine runs.
var (postgres, database, redis) = settings.Containers
    ? builder.AddContainerResources()
    : builder.AddExecutableResources(settings);

// Projects
var migrator = builder.AddProject<Projects.WalletFlow_Migrator>("migrator")
    .WithReference(database, PostgresExecutableResource.DatabaseName)
    .WaitFor(postgres);

// The API replicas are the silos of one Orleans cluster whose membership table is in Redis: a replica cannot start
// without it, so unlike the rest of the API (for which Redis only accelerates) the silo waits for Redis.
var cluster = builder.AddOrleans("cluster").WithClustering(redis.WithOrleansProviderType("Redis"));

// A payout provider that runs here (docs/payouts.md): the API knows it as provider "simulator", which dedupes by reference.
// Its callbacks go to the API, signed with a secret made for this run, which the API verifies them with.
var callbackSecret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
var simulator = builder.AddProject<Projects.WalletFlow_ProviderSimulator>("provider-simulator", options => options.ExcludeLaunchProfile = true)
    .WithHttpEndpoint(name: "http")
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Callbacks__Secret", callbackSecret);

var api = builder.AddProject<Projects.WalletFlow_Api>("api", options => options.ExcludeLaunchProfile = true)
    .WithWalletFlowEndpoints(settings)
    .WithReference(database, PostgresExecutableResource.DatabaseName)
    .WithReference(redis)
    .WithReference(cluster)
    .WaitFor(postgres)
    .WaitFor(redis)
    .WaitForCompletion(migrator)
    .WithEnvironment("PayoutProviders__simulator__BaseAddress", simulator.GetEndpoint("http"))
    .WithEnvironment("PayoutProviders__simulator__DedupesByReference", "true")
    .WithEnvironment("PayoutProviders__simulator__WebhookSecret", callbackSecret)
    // A developer's webhook receiver listens on this machine, which production refuses as a target (docs/webhooks.md).
    .WithEnvironment("Webhooks__AllowPrivateTargets", "true")
    .PrintWhereEverythingIs(settings);

simulator.WithEnvironment("Callbacks__Url", ReferenceExpression.Create($"{api.GetEndpoint("http")}/webhooks/providers/simulator"));

if (settings.Containers)
{
    api.WithFormanceLedger(postgres);
}

builder.Build().Run();
