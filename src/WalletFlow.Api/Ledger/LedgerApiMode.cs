namespace WalletFlow.Api.Ledger;

/// <summary>
/// <c>WALLETFLOW_LEDGER_API</c>: how much of the Formance-compatible surface the API serves. The raw writes post to the
/// books the wallet core owns while skipping its guards (idempotency claims, flags, the wallet's state), so they are off
/// unless an operator turns them on: <c>read</c> is the default.
/// </summary>
public enum LedgerApiMode
{
    /// <summary>Not served at all.</summary>
    Off,

    /// <summary>Reads only; every write answers 403 naming the setting.</summary>
    Read,

    /// <summary>Reads and writes (admins only; <c>force</c> only with the ledger:force right).</summary>
    ReadWrite,
}

public static class LedgerApiModes
{
    public const string SettingName = "WALLETFLOW_LEDGER_API";

    public static LedgerApiMode From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[SettingName] switch
        {
            null or "" or "read" => LedgerApiMode.Read,
            "read-write" => LedgerApiMode.ReadWrite,
            "off" => LedgerApiMode.Off,
            var other => throw new InvalidOperationException($"{SettingName} is '{other}': it must be read (the default), read-write or off."),
        };
    }
}
