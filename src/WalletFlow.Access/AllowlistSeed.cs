using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using WalletFlow.Application.ConsoleAccess;

namespace WalletFlow.Access;

/// <summary>The console's email allowlists as the environment seeds them, and what empty lists mean in this environment.</summary>
public static class AllowlistSeed
{
    public const string AllowedSetting = "OPS_ALLOWED_EMAILS";
    public const string AdminsSetting = "OPS_ADMIN_EMAILS";

    /// <summary>A malformed seed is a configuration mistake: the host stops at start-up naming the entry, rather than locking people out quietly.</summary>
    public static AllowlistPolicy From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return new AllowlistPolicy(
            Parse(configuration, AllowedSetting, AllowlistEmails.AllowedField),
            Parse(configuration, AdminsSetting, AllowlistEmails.AdminsField),
            OpenWhenEmpty: environment.IsDevelopment());
    }

    private static IReadOnlyList<string> Parse(IConfiguration configuration, string setting, string field)
    {
        var emails = AllowlistEmails.Parse(AllowlistEmails.Split(configuration[setting]), field);
        return emails.IsSuccess ? emails.Value : throw new InvalidOperationException($"{setting}: {emails.Error.Message}");
    }
}
