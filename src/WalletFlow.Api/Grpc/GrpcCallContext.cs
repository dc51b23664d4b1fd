using Microsoft.Extensions.Primitives;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// What a handler knows about its call besides the request message: the caller's metadata (the request headers,
/// e.g. <c>idempotency-key</c>, <c>authorization</c>), the deadline the caller set, and a token cancelled when the
/// deadline passes or the caller goes away. A handler adds response metadata (headers sent with the first message)
/// through <see cref="SetResponseMetadata"/>.
/// </summary>
public sealed class GrpcCallContext(IHeaderDictionary requestHeaders, IHeaderDictionary responseHeaders, DateTimeOffset? deadline, CancellationToken cancellationToken)
{
    public DateTimeOffset? Deadline { get; } = deadline;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>A metadata value by its (case-insensitive) key; null when the caller did not send it. Repeated values are joined with commas, as HTTP does.</summary>
    public string? Metadata(string key) => requestHeaders.TryGetValue(key, out var values) && !StringValues.IsNullOrEmpty(values) ? values.ToString() : null;

    /// <summary>A response header (metadata the caller receives before the first message); set it before writing one.</summary>
    public void SetResponseMetadata(string key, string value) => responseHeaders[key] = value;
}
