namespace WalletFlow.Api.Grpc;

/// <summary>The headers every gRPC response starts with, and how its status is sent: in trailers after messages, or alone in the headers ("trailers-only") when there were none.</summary>
internal static class GrpcResponseHeaders
{
    public const string ContentType = "application/grpc";

    public static void Apply(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        // Only identity: WalletFlow neither sends nor accepts compressed messages.
        response.Headers["grpc-accept-encoding"] = "identity";
    }

    public static async Task EndAsync(HttpResponse response, GrpcStatus status)
    {
        var code = ((int)status.Code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = GrpcMessageEncoding.Encode(status.Message);
        if (response.HasStarted)
        {
            response.AppendTrailer("grpc-status", code);
            if (message.Length > 0)
            {
                response.AppendTrailer("grpc-message", message);
            }

            return;
        }

        Apply(response);
        response.Headers["grpc-status"] = code;
        if (message.Length > 0)
        {
            response.Headers["grpc-message"] = message;
        }

        await response.CompleteAsync();
    }
}
