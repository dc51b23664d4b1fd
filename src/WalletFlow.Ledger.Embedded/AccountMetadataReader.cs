using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Npgsql;
using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// Account metadata for a script's <c>meta()</c>, read on first use and kept for the batch. The interpreter's reader
/// is synchronous (it runs in memory against locked balances), so this one reads synchronously on the batch's own
/// idle connection; only scripts that call <c>meta()</c> ever reach the database through it.
/// </summary>
internal sealed class AccountMetadataReader(NpgsqlConnection connection, string ledger) : IAccountMetadataReader
{
    private readonly Dictionary<string, Dictionary<string, string>> _accounts = new(StringComparer.Ordinal);

    public bool TryGetMetadata(string account, string key, [NotNullWhen(true)] out string? value)
    {
        if (!_accounts.TryGetValue(account, out var metadata))
        {
            _accounts[account] = metadata = Load(account);
        }

        return metadata.TryGetValue(key, out value);
    }

    private Dictionary<string, string> Load(string account)
    {
        using var command = new NpgsqlCommand("select metadata from ledger.accounts where ledger = $1 and address = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        return command.ExecuteScalar() is string json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
            : [];
    }
}
