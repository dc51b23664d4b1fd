using Npgsql;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Persistence.Commands;

/// <summary>
/// The SQL of one state change, written by the capability that owns the table. A guarded change (a hold that must still
/// be open, a quote not yet booked) says what refuses its command when it changes no row (<see cref="WhenUnchanged"/>),
/// or when it breaks <see cref="RefusingConstraint"/>, a unique constraint that a concurrent command can break first.
/// </summary>
internal sealed record ChangeStatement(NpgsqlBatchCommand Statement, Func<Error>? WhenUnchanged = null, string? RefusingConstraint = null)
{
    public static NpgsqlBatchCommand Sql(string text, params object?[] values)
    {
        var statement = new NpgsqlBatchCommand(text);
        foreach (var value in values)
        {
            statement.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return statement;
    }
}

/// <summary>
/// Why a command's rows were not written: <see cref="Error"/> refuses it, or is null when another submission holds its
/// idempotency key (the caller then replays or refuses by what that submission stored).
/// </summary>
internal sealed record RowsRefused(int Index, Error? Error);
