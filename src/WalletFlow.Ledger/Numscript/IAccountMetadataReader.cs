using System.Diagnostics.CodeAnalysis;

namespace WalletFlow.Ledger.Numscript;

/// <summary>Where <c>meta(@account, "key")</c> reads account metadata. Like balances, answered from memory.</summary>
public interface IAccountMetadataReader
{
    bool TryGetMetadata(string account, string key, [NotNullWhen(true)] out string? value);
}
