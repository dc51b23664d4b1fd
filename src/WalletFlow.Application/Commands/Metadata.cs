namespace WalletFlow.Application.Commands;

/// <summary>Ledger transaction metadata from optional values: absent ones are left out rather than stored empty.</summary>
public static class Metadata
{
    public static IReadOnlyDictionary<string, string> Of(params (string Key, string? Value)[] entries) =>
        entries.Where(entry => entry.Value is not null).ToDictionary(entry => entry.Key, entry => entry.Value!, StringComparer.Ordinal);
}
