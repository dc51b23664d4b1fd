using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using WalletFlow.Application.Controls;

namespace WalletFlow.Persistence.Controls;

/// <summary>
/// A copy of every stored flag, trusted only while this process listens to the table's changes, so that a command's
/// flag check costs no database round trip. A change notifies every listener when it commits (migration 0014's
/// trigger), and each drops its copy on receipt, milliseconds later; the process that committed the change drops its
/// own before it answers (<see cref="IFeatureFlagStore.Invalidate"/>). While not listening (starting, or its connection
/// lost) there is no copy and every check reads the table.
/// </summary>
/// <remarks>
/// Each drop advances a generation: a copy read before a drop is never installed after it, so a reader that raced a
/// change cannot bring the old values back.
/// </remarks>
internal sealed partial class FeatureFlagSnapshot(NpgsqlDataSource dataSource, TimeProvider time, ILogger<FeatureFlagSnapshot> logger) : BackgroundService
{
    public const string Channel = "core_feature_flags";

    /// <summary>How long the listening connection may stay silent before it is probed: a dead one is found within this.</summary>
    private static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private IReadOnlyList<FeatureFlagValue>? _flags;
    private long _generation;
    private bool _listening;

    /// <summary>The copy, if one is trusted now, and the generation a copy read now must still be at to be installed.</summary>
    public (IReadOnlyList<FeatureFlagValue>? Flags, long Generation) Current
    {
        get
        {
            lock (_gate)
            {
                return (_flags, _generation);
            }
        }
    }

    /// <summary>Whether the process hears the table's changes now, so that a copy may be kept.</summary>
    public bool Listening
    {
        get
        {
            lock (_gate)
            {
                return _listening;
            }
        }
    }

    /// <summary>Keeps flags read at <paramref name="generation"/>, unless they changed since or nothing is listening.</summary>
    public void Install(IReadOnlyList<FeatureFlagValue> flags, long generation)
    {
        lock (_gate)
        {
            if (_listening && generation == _generation)
            {
                _flags = flags;
            }
        }
    }

    public void Drop() => SetListening(null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogListeningLost(exception, ReconnectAfter.TotalSeconds);
            }
            finally
            {
                SetListening(false);
            }

            try
            {
                await Task.Delay(ReconnectAfter, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Listens on a connection outside the pool: it holds no pool slot for as long as the process runs, and its breaking
    /// (a terminated backend) does not make Npgsql clear the connections the commands use.
    /// </summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var pooled = dataSource.CreateConnection();
        await using var connection = pooled.CloneWith(new NpgsqlConnectionStringBuilder(pooled.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, _) => Drop();
        await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Changes made before the listen was in place were never notified: whatever was read before it is dropped here.
        SetListening(true);
        while (true)
        {
            if (!await connection.WaitAsync(ProbeAfter, stoppingToken))
            {
                await using var probe = new NpgsqlCommand("select 1", connection);
                await probe.ExecuteScalarAsync(stoppingToken);
            }
        }
    }

    /// <summary>Drops the copy and advances the generation; <paramref name="listening"/>, when given, says whether copies may be kept from now on.</summary>
    private void SetListening(bool? listening)
    {
        lock (_gate)
        {
            _flags = null;
            _generation++;
            _listening = listening ?? _listening;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the feature flags' change notifications; every flag check reads the table until listening again in {Seconds} s")]
    private partial void LogListeningLost(Exception exception, double seconds);
}
