namespace WalletFlow.Api.Grpc;

/// <summary>The full names of the services this server runs (e.g. <c>walletflow.v1.LedgerReads</c>): what the health service answers SERVING for.</summary>
public sealed record GrpcServiceNames(IReadOnlySet<string> Names);
