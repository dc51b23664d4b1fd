using Grpc.Core;
using Grpc.Core.Interceptors;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// How every call ends, whatever the service: its status is logged (method, status, duration; never metadata, which
/// holds the bearer); a passed deadline is <c>DEADLINE_EXCEEDED</c> and a caller that left is <c>CANCELLED</c>, not a
/// failure; a database that cannot be reached is <c>UNAVAILABLE</c> with a retry delay (the REST front's 503 with
/// <c>Retry-After</c>); anything else unexpected is logged with its exception and ends as <c>INTERNAL</c>, its message
/// kept out of the status.
/// </summary>
internal sealed partial class CallOutcomeInterceptor(ITransientFailures failures, TimeProvider clock, ILogger<CallOutcomeInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var started = clock.GetTimestamp();
        try
        {
            var response = await continuation(request, context);
            LogCall(logger, context.Method, StatusCode.OK, clock.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            throw Ended(exception, context, started);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var started = clock.GetTimestamp();
        try
        {
            await continuation(request, responseStream, context);
            LogCall(logger, context.Method, StatusCode.OK, clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception)
        {
            throw Ended(exception, context, started);
        }
    }

    private RpcException Ended(Exception exception, ServerCallContext context, long started)
    {
        var ended = exception switch
        {
            RpcException rpc => rpc,
            OperationCanceledException when context.Deadline <= clock.GetUtcNow().UtcDateTime => new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.")),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled.")),
            _ when failures.IsTransient(exception) => GrpcErrorMapping.ToRpcException(
                new Error(ErrorCodes.Unavailable, "WalletFlow could not reach its database just now; retry in a moment.")),
            _ => null,
        };
        if (ended is null)
        {
            LogFailure(logger, exception, context.Method);
            ended = new RpcException(new Status(StatusCode.Internal, "The server failed to handle the call."));
        }
        else
        {
            LogCall(logger, context.Method, ended.StatusCode, clock.GetElapsedTime(started).TotalMilliseconds);
        }

        return ended;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "gRPC {Method} ended {Status} in {ElapsedMs:0.###} ms")]
    private static partial void LogCall(ILogger logger, string method, StatusCode status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC {Method} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method);
}
