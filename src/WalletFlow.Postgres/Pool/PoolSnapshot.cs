namespace WalletFlow.Postgres.Pool;

/// <summary>The state of one connection pool at one instant.</summary>
public sealed record PoolSnapshot(string PoolName, int Total, int Idle, int Busy, int Waiting, int Max)
{
    /// <summary>Busy connections over the pool's maximum, 0 to 1.</summary>
    public double Utilization => Max == 0 ? 0 : (double)Busy / Max;

    /// <summary>Every connection is in use and callers are queued for one: requests are about to time out.</summary>
    public bool IsStarved => Waiting > 0 && Busy >= Max;
}
