namespace WalletFlow.ProviderSimulator;

/// <summary>Runs the simulator (in its own namespace: test projects reference it beside the API's top-level program).</summary>
public static class Program
{
    public static Task Main(string[] args) => SimulatorHost.Build(args).RunAsync();
}
