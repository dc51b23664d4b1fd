using System.Net;
using Google.Protobuf;

namespace WalletFlow.Tests.Grpc;

/// <summary>What came back for one call: the HTTP layer, the gRPC status and message, the response messages, and whether the status came in trailers (after messages) or alone in the headers.</summary>
internal sealed record GrpcReply(HttpStatusCode HttpStatus, string? ContentType, int? Status, string? Message, IReadOnlyList<byte[]> Messages, bool StatusInTrailers)
{
    /// <summary>The response headers (metadata sent before the messages), by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public T Single<T>(MessageParser<T> parser)
        where T : IMessage<T> => parser.ParseFrom(Assert.Single(Messages));

    public IReadOnlyList<T> All<T>(MessageParser<T> parser)
        where T : IMessage<T> => Messages.Select(parser.ParseFrom).ToList();
}
