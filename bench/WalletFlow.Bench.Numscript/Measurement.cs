using System.Diagnostics;

namespace WalletFlow.Bench.Numscript;

/// <summary>Times an operation with a warm-up, then a bounded loop that stops itself after a fixed duration.</summary>
internal readonly record struct Measurement(double NanosecondsPerOperation, double BytesPerOperation)
{
    private const int Batch = 256;

    public double OperationsPerSecond => 1e9 / NanosecondsPerOperation;

    public static Measurement Of(Func<int> operation, TimeSpan warmUp, TimeSpan duration)
    {
        var sink = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < warmUp)
        {
            for (var i = 0; i < Batch; i++)
            {
                sink += operation();
            }
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long operations = 0;
        clock.Restart();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < Batch; i++)
            {
                sink += operation();
            }

            operations += Batch;
        }

        var elapsed = clock.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        GC.KeepAlive(sink);
        return new Measurement(elapsed.TotalNanoseconds / operations, (double)allocated / operations);
    }
}
