using System.Diagnostics.CodeAnalysis;

namespace WalletFlow.Ledger.Numscript;

/// <summary>Account metadata held in memory, keyed by account address then metadata key.</summary>
public sealed class InMemoryAccountMetadataReader(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> metadata)
    : IAccountMetadataReader
{
    public bool TryGetMetadata(string account, string key, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return metadata.TryGetValue(account, out var keys) && keys.TryGetValue(key, out value);
    }
}
