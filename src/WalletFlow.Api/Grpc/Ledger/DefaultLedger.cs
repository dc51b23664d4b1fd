namespace WalletFlow.Api.Grpc.Ledger;

/// <summary>The ledger a gRPC call means when it names none: WalletFlow keeps its wallets in one ledger, "main".</summary>
public static class DefaultLedger
{
    public const string Name = "main";

    public static string Or(string requested) => requested.Length == 0 ? Name : requested;
}
