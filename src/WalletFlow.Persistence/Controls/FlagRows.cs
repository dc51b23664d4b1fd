using WalletFlow.Application.Commands;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Controls;

/// <summary>The rows a command writes to <c>core.feature_flags</c>.</summary>
internal static class FlagRows
{
    public static ChangeStatement Set(SetFlag flag) => new(ChangeStatement.Sql(
        """
        insert into core.feature_flags (flag, scope_type, scope_value, enabled, reason, updated_at) values ($1, $2, $3, $4, $5, $6)
        on conflict (flag, scope_type, scope_value) do update set enabled = excluded.enabled, reason = excluded.reason, updated_at = excluded.updated_at
        """,
        flag.Flag, FlagScopeTypes.ToText(flag.ScopeType), flag.ScopeValue, flag.Enabled, flag.Reason, flag.At));
}

/// <summary>A flag's scope type as <c>core.feature_flags.scope_type</c> spells it.</summary>
internal static class FlagScopeTypes
{
    public static string ToText(FlagScopeType type) => RequestValidator.ToSnakeCase(type.ToString());

    public static FlagScopeType Parse(string text) => Enum.GetValues<FlagScopeType>().Single(type => ToText(type) == text);
}
