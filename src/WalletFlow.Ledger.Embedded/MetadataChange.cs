using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// One metadata write (set or delete, on an account or a transaction), checked before any statement runs. It runs on a
/// connection the caller holds: alone, or inside an atomic bulk's database transaction (and again if that retries).
/// </summary>
internal sealed record MetadataChange(string Sql, object Target, object Value, NpgsqlDbType ValueType, Error WhenNothingChanged)
{
    public static Result<MetadataChange> Set(MetadataTarget target, IReadOnlyDictionary<string, string> metadata)
    {
        var unstorable = metadata.Select(pair => RequestValidation.Unstorable(pair.Key, "metadata") ?? RequestValidation.Unstorable(pair.Value, "metadata"))
            .FirstOrDefault(error => error is not null);
        if (unstorable is not null)
        {
            return unstorable;
        }

        var json = JsonSerializer.Serialize(metadata);
        return target switch
        {
            AccountTarget { Address: var address } when !LedgerNames.IsValidAccount(address) =>
                new Error(ErrorCodes.InvalidAddress, $"'{address}' is not a valid account address.", "address"),
            AccountTarget account => new MetadataChange(
                """
                insert into ledger.accounts (ledger, address, metadata) values ($1, $2, $3)
                on conflict (ledger, address) do update set metadata = ledger.accounts.metadata || excluded.metadata
                """,
                account.Address, json, NpgsqlDbType.Jsonb, AccountNotFound(account.Address)),
            TransactionTarget transaction => new MetadataChange(
                "update ledger.transactions set metadata = metadata || $3 where ledger = $1 and id = $2",
                transaction.Id, json, NpgsqlDbType.Jsonb, LedgerErrors.TransactionNotFound(transaction.Id)),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown metadata target."),
        };
    }

    public static Result<MetadataChange> Delete(MetadataTarget target, string key)
    {
        if (RequestValidation.Unstorable(key, "key") is { } unstorable)
        {
            return unstorable;
        }

        return target switch
        {
            AccountTarget account => new MetadataChange(
                "update ledger.accounts set metadata = metadata - $3 where ledger = $1 and address = $2",
                account.Address, key, NpgsqlDbType.Text, AccountNotFound(account.Address)),
            TransactionTarget transaction => new MetadataChange(
                "update ledger.transactions set metadata = metadata - $3 where ledger = $1 and id = $2",
                transaction.Id, key, NpgsqlDbType.Text, LedgerErrors.TransactionNotFound(transaction.Id)),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown metadata target."),
        };
    }

    public async Task<Result<bool>> ExecuteAsync(NpgsqlConnection connection, string ledger, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        command.Parameters.Add(new NpgsqlParameter { Value = Target });
        command.Parameters.Add(new NpgsqlParameter { Value = Value, NpgsqlDbType = ValueType });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0 ? true : WhenNothingChanged;
    }

    private static Error AccountNotFound(string address) => Error.NotFound($"Account {address} does not exist.");
}
