using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace WalletFlow.AppHost;

/// <summary>
/// The AppHost's settings: environment variables (any configuration source works, so a test passes them as
/// arguments) with defaults that work on a fresh clone. README.md, "Environment", is the contract.
/// </summary>
internal sealed record AppHostSettings(
    Uri ApiUrl,
    Uri GrpcUrl,
    Uri DashboardUrl,
    string DataDirectory,
    int? PostgresPort,
    int ApiReplicas,
    bool Containers,
    IReadOnlyDictionary<string, string> ApiSettings,
    IReadOnlyDictionary<string, string> ApiSecrets,
    string Environment)
{
    /// <summary>The API's own settings (README.md, "Environment") that the AppHost hands on when they are set.</summary>
    private static readonly string[] ApiSettingNames =
    [
        "WALLETFLOW_LEDGER", "WALLETFLOW_LEDGER_API", "WALLETFLOW_LEDGER_URL",
        "CORE_WALLET_FLAG_MODE", "CORE_WALLET_COMPLETION_GATING",
        "GOOGLE_CLIENT_ID", "OPS_ALLOWED_EMAILS", "OPS_ADMIN_EMAILS",
    ];

    /// <summary>Credentials: handed on as secret parameters, so the dashboard masks them.</summary>
    private static readonly string[] ApiSecretNames = ["AUTH_TOKEN", "WALLETFLOW_LEDGER_FORCE_TOKEN", "WALLETFLOW_LEDGER_TOKEN", "GOOGLE_CLIENT_SECRET"];

    public const string DefaultApiUrl = "http://localhost:5080";
    public const string DefaultGrpcUrl = "http://localhost:5081";
    public const string DefaultDashboardUrl = "http://localhost:18888";

    public static AppHostSettings From(IConfiguration configuration, string repositoryRoot)
    {
        var replicas = Read(configuration, "WALLETFLOW_API_REPLICAS") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 1;
        if (replicas < 1)
        {
            throw new InvalidOperationException($"WALLETFLOW_API_REPLICAS must be 1 or more, not {replicas}.");
        }

        return new AppHostSettings(
            LoopbackUrl(configuration, "WALLETFLOW_API_URL", DefaultApiUrl),
            LoopbackUrl(configuration, "WALLETFLOW_GRPC_URL", DefaultGrpcUrl),
            LoopbackUrl(configuration, "WALLETFLOW_DASHBOARD_URL", DefaultDashboardUrl),
            Path.GetFullPath(Read(configuration, "WALLETFLOW_DATA") ?? Path.Combine(repositoryRoot, ".walletflow")),
            Read(configuration, "WALLETFLOW_PG_PORT") is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : null,
            replicas,
            Read(configuration, "WALLETFLOW_CONTAINERS") is { } containers && bool.Parse(containers),
            ReadAll(configuration, ApiSettingNames),
            ReadAll(configuration, ApiSecretNames),
            Read(configuration, "ASPNETCORE_ENVIRONMENT") ?? "Development");
    }

    private static string? Read(IConfiguration configuration, string name) => configuration[name] is { Length: > 0 } value ? value : null;

    private static Dictionary<string, string> ReadAll(IConfiguration configuration, string[] names) =>
        names.Select(name => (name, value: Read(configuration, name)))
            .Where(setting => setting.value is not null)
            .ToDictionary(setting => setting.name, setting => setting.value!);

    /// <summary>Every address the AppHost gives out is on loopback: a host name other than localhost or a loopback IP is refused.</summary>
    private static Uri LoopbackUrl(IConfiguration configuration, string name, string fallback)
    {
        var url = new Uri(Read(configuration, name) ?? fallback);
        if (!url.IsLoopback)
        {
            throw new InvalidOperationException($"{name} is {url}: WalletFlow listens on loopback only (localhost, 127.0.0.1 or [::1]).");
        }

        return url;
    }
}
