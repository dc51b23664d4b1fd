namespace WalletFlow.Api.Grpc;

/// <summary>
/// The gRPC listener's address. Its port tells Kestrel which endpoint speaks HTTP/2 only and tells the pipeline
/// which requests are gRPC calls, so it must be a fixed port (tests pick a free one). <c>http://</c> is cleartext
/// HTTP/2 (development); <c>https://</c> is TLS with Kestrel's configured certificate (<c>Kestrel:Certificates:Default</c>),
/// HTTP/2 chosen by ALPN.
/// </summary>
public sealed class GrpcEndpoint
{
    public GrpcEndpoint(BindingAddress url)
    {
        if (url.Scheme is not ("http" or "https") || url.IsUnixPipe || url.Port == 0)
        {
            throw new InvalidOperationException($"{GrpcFront.UrlVariable} must be an http:// (cleartext) or https:// (TLS) address with a fixed port, not {url}.");
        }

        Url = url;
    }

    public BindingAddress Url { get; }

    /// <summary>The address a client dials (a wildcard host is reached on localhost).</summary>
    public Uri Address => new UriBuilder(Url.Scheme, Url.Host is "*" or "+" or "0.0.0.0" or "[::]" ? "localhost" : Url.Host, Url.Port).Uri;

}
