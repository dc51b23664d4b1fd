using WalletFlow.Access.Credentials;
using WalletFlow.Api.Ledger;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// An API whose Formance-compatible surface takes writes (it is read-only by default), with an admin token and a
/// ledger-force token (<see cref="ApiFactory.CreateBearerClient"/> gives clients that carry them).
/// </summary>
public static class LedgerSurface
{
    public const string AdminToken = "ledger-surface-admin-token";
    public const string ForceToken = "ledger-surface-force-token";

    public static Dictionary<string, string> Settings => new()
    {
        [OperatorToken.SettingName] = AdminToken,
        [LedgerForceToken.SettingName] = ForceToken,
        [LedgerApiModes.SettingName] = "read-write",
    };

    public static Task<ApiFactory> StartAsync(PostgresFixture postgres, string owner) => ApiFactory.OnFreshDatabaseAsync(postgres, owner, Settings);
}
