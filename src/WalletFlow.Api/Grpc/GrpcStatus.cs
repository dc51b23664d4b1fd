namespace WalletFlow.Api.Grpc;

/// <summary>How a call ended: the code sent in <c>grpc-status</c> and the sentence sent in <c>grpc-message</c>.</summary>
public sealed record GrpcStatus(GrpcStatusCode Code, string Message)
{
    public static GrpcStatus Ok { get; } = new(GrpcStatusCode.Ok, "");
}
