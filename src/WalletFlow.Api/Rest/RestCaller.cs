using WalletFlow.Api.Access;
using WalletFlow.Console.Access;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Rest;

/// <summary>Who is calling <c>/v1</c>: the <c>Authorization</c> header, checked by <see cref="BearerCaller"/> (the same check the gRPC front makes).</summary>
internal static class RestCaller
{
    private static readonly object CallerKey = new();

    public static Caller Of(HttpContext context) => (Caller)context.Items[CallerKey]!;

    public static async ValueTask<object?> Authenticate(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var token = context.RequestServices.GetRequiredService<OperatorToken>();
        if (!BearerCaller.Authenticate(token, context.Request.Headers.Authorization).TryGetValue(out var caller, out var error))
        {
            context.Response.Headers.WWWAuthenticate = BearerCaller.Scheme;
            return RestProblems.For(error);
        }

        context.Items[CallerKey] = caller;
        return await next(invocation);
    }
}
