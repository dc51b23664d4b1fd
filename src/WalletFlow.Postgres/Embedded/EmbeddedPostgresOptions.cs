namespace WalletFlow.Postgres.Embedded;

public sealed record EmbeddedPostgresOptions
{
    /// <summary>The folder the cluster lives in: its data directory, its log and its ownership record.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>The loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// False trades crash safety for speed (fsync, synchronous commit and full-page writes off): for tests only,
    /// never for benchmarks or the AppHost.
    /// </summary>
    public bool Durable { get; init; } = true;

    public int MaxConnections { get; init; } = 200;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The unprivileged OS user that runs the server when this process runs as root (Postgres refuses root).</summary>
    public string OsUserWhenRoot { get; init; } = "postgres";

    /// <summary>Receives every line the server logs (start-up, errors); the last lines are also kept for error reports.</summary>
    public Action<string>? Log { get; init; }
}
