using WalletFlow.Grains.Runtime;

namespace WalletFlow.Tests.Grains.Runtime;

/// <summary>A runtime on a manual clock with the probe grain registered: what most tests start from.</summary>
internal sealed class ProbeHost : IAsyncDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(1);

    public ProbeHost(GrainRuntimeOptions? options = null, Func<string, Probe, IProbeGrain>? create = null)
    {
        Runtime = new GrainRuntime(options ?? new GrainRuntimeOptions { IdleTimeout = IdleTimeout }, Clock);
        create ??= (key, probe) => new ProbeGrain(key, probe);
        Grains = Runtime.Register<string, IProbeGrain>(key => create(key, Probe));
    }

    public ManualTimeProvider Clock { get; } = new();

    public Probe Probe { get; } = new();

    public GrainRuntime Runtime { get; }

    public GrainDirectory<string, IProbeGrain> Grains { get; }

    /// <summary>Bounded: disposal drains accepted calls, so a test that failed with a call still blocked must not hang here.</summary>
    public async ValueTask DisposeAsync() => await Runtime.DisposeAsync().AsTask().Within();
}
