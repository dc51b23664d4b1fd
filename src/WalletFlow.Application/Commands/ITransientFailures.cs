namespace WalletFlow.Application.Commands;

/// <summary>
/// Tells a passing failure of what the commands stand on (the database unreachable, restarting, out of connections)
/// from a bug. The executor answers the first with <c>UNAVAILABLE</c>, which is safe to retry with the same idempotency
/// key; anything else stays an exception. Implemented where the database is known (the API's persistence).
/// </summary>
public interface ITransientFailures
{
    bool IsTransient(Exception exception);
}
