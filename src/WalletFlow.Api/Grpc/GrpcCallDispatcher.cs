using Google.Protobuf;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// Serves one gRPC call on the HTTP/2 endpoint: checks the request is gRPC, finds the method, reads the single
/// request message, runs the handler under the caller's deadline and ends the call with a status. Every failure,
/// including a malformed frame or a handler's exception, becomes a status on this call alone.
/// </summary>
internal sealed partial class GrpcCallDispatcher(GrpcMethodTable methods, TimeProvider clock, ILogger<GrpcCallDispatcher> logger)
{
    /// <summary>The longest delay a <see cref="CancellationTokenSource"/> accepts (about 49 days); a longer deadline is as good as none.</summary>
    private static readonly TimeSpan LongestDeadline = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public async Task HandleAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!IsGrpcContentType(http.Request.ContentType))
        {
            // The gRPC spec's answer to a non-gRPC request: HTTP 415, so an HTTP client sees a plain HTTP error.
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        if (methods.Find(http.Request.Path.Value ?? "") is not { } method)
        {
            await GrpcResponseHeaders.EndAsync(http.Response, new GrpcStatus(GrpcStatusCode.Unimplemented, $"Method {http.Request.Path} is not implemented."));
            return;
        }

        if (http.Request.Headers["grpc-encoding"].ToString() is { Length: > 0 } encoding && encoding != "identity")
        {
            await GrpcResponseHeaders.EndAsync(http.Response, new GrpcStatus(GrpcStatusCode.Unimplemented, $"Message encoding {encoding} is not supported; use identity."));
            return;
        }

        var timeout = GrpcTimeout.Parse(http.Request.Headers["grpc-timeout"]) is { } asked && asked < LongestDeadline ? asked : (TimeSpan?)null;
        using var deadline = timeout > TimeSpan.Zero ? new CancellationTokenSource(timeout.Value, clock) : new CancellationTokenSource();
        if (timeout <= TimeSpan.Zero)
        {
            // Already over (e.g. "1n" rounds to nothing): cancel now rather than on the timer's next tick.
            deadline.Cancel();
        }

        using var call = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, http.RequestAborted);
        var context = new GrpcCallContext(http.Request.Headers, http.Response.Headers, clock.GetUtcNow() + timeout, call.Token);
        GrpcStatus status;
        try
        {
            var request = await ReadSingleMessageAsync(http.Request, call.Token);
            call.Token.ThrowIfCancellationRequested();
            status = await method.InvokeAsync(request, new GrpcResponseStream(http.Response, call.Token), context);
        }
        catch (GrpcProtocolException rejected)
        {
            status = rejected.Status;
        }
        catch (InvalidProtocolBufferException)
        {
            status = new GrpcStatus(GrpcStatusCode.Internal, "The request message could not be deserialized.");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            status = new GrpcStatus(GrpcStatusCode.DeadlineExceeded, "Deadline exceeded.");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller reset the stream: nobody is left to receive a status.
            return;
        }
        catch (Exception failure)
        {
            LogHandlerFailure(logger, failure, method.Path);
            status = new GrpcStatus(GrpcStatusCode.Internal, "The server failed to handle the call.");
        }

        await GrpcResponseHeaders.EndAsync(http.Response, status);
    }

    private static bool IsGrpcContentType(string? contentType) =>
        contentType is not null
        && (contentType.Equals(GrpcResponseHeaders.ContentType, StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith(GrpcResponseHeaders.ContentType + "+", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith(GrpcResponseHeaders.ContentType + ";", StringComparison.OrdinalIgnoreCase));

    /// <summary>Unary and server-streaming calls carry exactly one request message: none, or a second one, breaks the protocol.</summary>
    private static async Task<byte[]> ReadSingleMessageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var message = await GrpcFrameReader.ReadMessageAsync(request.BodyReader, cancellationToken)
            ?? throw new GrpcProtocolException(GrpcStatusCode.Internal, "The request carried no message.");
        return await GrpcFrameReader.ReadMessageAsync(request.BodyReader, cancellationToken) is null
            ? message
            : throw new GrpcProtocolException(GrpcStatusCode.Internal, "The request carried more than one message for a method that takes one.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC method {Method} failed")]
    private static partial void LogHandlerFailure(ILogger logger, Exception failure, string method);
}
