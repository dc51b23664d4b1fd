using Npgsql;
using WalletFlow.Application.Commands;

namespace WalletFlow.Persistence.Commands;

/// <summary>
/// The Postgres failures that pass: the server cannot be reached or dropped the connection (a backend killed, a
/// restart, crash recovery), it has no connection or resource to spare, or a transaction lost a serialization race
/// it did not retry. Each is answered <c>UNAVAILABLE</c> and is safe to retry with the same idempotency key, because
/// a command's claim and its posting commit together or not at all. Anything else (a constraint the code should
/// have prevented, a protocol error) is a bug and stays one.
/// </summary>
internal sealed class PostgresTransientFailures : ITransientFailures
{
    public bool IsTransient(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case PostgresException postgres:
                    return IsTransient(postgres.SqlState);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    // Npgsql's own verdict on a failure below Postgres: the socket, a timeout, an exhausted pool.
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Class 08 (connection exception), 53 (insufficient resources, e.g. too many connections), 57P01-03 (the
    /// backend was terminated, the server crashed or is starting), 40001 and 40P01 (serialization failure, deadlock).
    /// </summary>
    public static bool IsTransient(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
}
