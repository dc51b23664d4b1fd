using Grpc.Core;
using Grpc.Core.Interceptors;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// Refuses a call that arrives with its deadline already spent (<c>grpc-timeout</c> of zero, which grpc-js sends for
/// a deadline in the past) with <c>DEADLINE_EXCEEDED</c> before anything runs. Grpc.AspNetCore ignores a zero timeout
/// and would run the call with no deadline at all, so a command the client has already given up on could commit.
/// </summary>
internal sealed class ExpiredDeadlineInterceptor : Interceptor
{
    private const string TimeoutHeader = "grpc-timeout";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        RefuseIfSpent(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        RefuseIfSpent(context);
        return continuation(request, responseStream, context);
    }

    /// <summary>True when the header is a well-formed timeout (1 to 8 digits and a unit) whose amount is zero.</summary>
    internal static bool IsSpent(string? timeout) =>
        timeout is { Length: >= 2 and <= 9 }
        && "HMSmun".Contains(timeout[^1], StringComparison.Ordinal)
        && timeout[..^1].All(digit => digit == '0');

    private static void RefuseIfSpent(ServerCallContext context)
    {
        // The reserved grpc-* headers are not in the call's metadata: read the HTTP request's own.
        if (IsSpent(context.GetHttpContext().Request.Headers[TimeoutHeader]))
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "The call's deadline had passed before it arrived."));
        }
    }
}
