using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Controls;

namespace WalletFlow.Persistence.Controls;

/// <summary>
/// Flags from <c>core.feature_flags</c>, read on every command: a switch flipped by one API process holds in every
/// other at once, with no cache to invalidate. The table is tiny and the lookup is by primary key.
/// </summary>
internal sealed class PostgresFeatureFlagStore(NpgsqlDataSource dataSource) : IFeatureFlagStore
{
    private const string Columns = "flag, scope_type, scope_value, enabled, reason, updated_at";

    public async Task<IReadOnlyList<FeatureFlagValue>> ReadAsync(string flag, IReadOnlyList<(FlagScopeType Type, string Value)> scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from core.feature_flags f
            join unnest($2::text[], $3::text[]) as s(scope_type, scope_value) using (scope_type, scope_value)
            where f.flag = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = flag });
        command.Parameters.Add(new NpgsqlParameter { Value = scopes.Select(scope => FlagScopeTypes.ToText(scope.Type)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = scopes.Select(scope => scope.Value).ToArray() });
        return await ReadAllAsync(command, cancellationToken);
    }

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
