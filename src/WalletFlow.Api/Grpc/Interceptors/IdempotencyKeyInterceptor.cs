using Grpc.Core;
using Grpc.Core.Interceptors;
using WalletFlow.Api.Grpc.Commands;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// Reads the <c>idempotency-key</c> metadata of a command call once, before its handler runs, and keeps it with the
/// call. The executor validates it (present, 1 to 255 printable ASCII characters) after the request's own fields, in
/// the order REST checks them, so both fronts refuse the same bad call with the same code.
/// </summary>
internal sealed class IdempotencyKeyInterceptor : Interceptor
{
    public const string Metadata = "idempotency-key";

    private const string Key = "walletflow.idempotency-key";

    /// <summary>The key the call carried, or null when it carried none.</summary>
    public static string? KeyOf(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(Key, out var key) ? (string?)key : null;
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (CommandGrpcMethods.CommandAt(context.Method) is not null && context.RequestHeaders.GetValue(Metadata) is { } key)
        {
            context.UserState[Key] = key;
        }

        return continuation(request, context);
    }
}
