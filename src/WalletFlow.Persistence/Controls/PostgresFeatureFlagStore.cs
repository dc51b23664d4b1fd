using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Controls;

namespace WalletFlow.Persistence.Controls;

/// <summary>
/// Flags from <c>core.feature_flags</c>, checked on every command against the copy <see cref="FeatureFlagSnapshot"/>
/// keeps while it hears every change: a switch flipped by one API process holds in it before the flip is answered and
/// in every other within milliseconds. Without a trusted copy a check reads the whole table (it is tiny) and offers
/// what it read as the next copy.
/// </summary>
internal sealed class PostgresFeatureFlagStore(NpgsqlDataSource dataSource, FeatureFlagSnapshot snapshot) : IFeatureFlagStore
{
    private const string Columns = "flag, scope_type, scope_value, enabled, reason, updated_at";

    public async Task<IReadOnlyList<FeatureFlagValue>> ReadAsync(string flag, IReadOnlyList<(FlagScopeType Type, string Value)> scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var (kept, generation) = snapshot.Current;
        if (kept is null)
        {
            kept = await ListAsync(cancellationToken);
            snapshot.Install(kept, generation);
        }

        return [.. kept.Where(value => value.Flag == flag && scopes.Contains((value.ScopeType, value.ScopeValue)))];
    }

    public void Invalidate() => snapshot.Drop();

    public async Task<IReadOnlyList<FeatureFlagValue>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from core.feature_flags order by flag, scope_type, scope_value");
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<FeatureFlagValue>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var flags = new List<FeatureFlagValue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            flags.Add(new FeatureFlagValue(
                reader.GetString(0),
                FlagScopeTypes.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return flags;
    }
}
