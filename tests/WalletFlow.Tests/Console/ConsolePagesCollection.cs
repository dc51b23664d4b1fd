namespace WalletFlow.Tests.Console;

/// <summary>
/// The console's tests read the pool figures, which Npgsql publishes per pool name on a process-wide meter: APIs
/// running in parallel in this process would report each other's connections, so these tests run on their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsolePagesCollection
{
    public const string Name = "Console pages";
}
