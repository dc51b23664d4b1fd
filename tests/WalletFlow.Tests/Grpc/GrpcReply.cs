using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace WalletFlow.Tests.Grpc;

/// <summary>What came back for one call: the gRPC status (as its number) and message, the response messages, and the rich details of a failure.</summary>
internal sealed record GrpcReply(int? Status, string? Message, IReadOnlyList<byte[]> Messages)
{
    /// <summary>The response headers (metadata sent before the messages), by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The trailers, by lower-case name (binary ones left out).</summary>
    public IReadOnlyDictionary<string, string> Trailers { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>google.rpc.Status</c> of <c>grpc-status-details-bin</c>, when the server sent one.</summary>
    public Google.Rpc.Status? Details { get; init; }

    public StatusCode Code => (StatusCode)(Status ?? (int)StatusCode.Unknown);

    public ErrorInfo? ErrorInfo => Details?.GetDetail<ErrorInfo>();

    public BadRequest? BadRequest => Details?.GetDetail<BadRequest>();

    public T Single<T>(MessageParser<T> parser)
        where T : IMessage<T> => parser.ParseFrom(Assert.Single(Messages));

    public IReadOnlyList<T> All<T>(MessageParser<T> parser)
        where T : IMessage<T> => Messages.Select(parser.ParseFrom).ToList();
}
