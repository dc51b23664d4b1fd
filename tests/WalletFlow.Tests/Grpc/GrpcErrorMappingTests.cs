using WalletFlow.Api.Grpc;

namespace WalletFlow.Tests.Grpc;

/// <summary>The status message of a call refused before any service ran, as the gRPC protocol percent-encodes it.</summary>
public sealed class GrpcErrorMappingTests
{
    [Theory]
    [InlineData("UNAUTHORIZED: Send a token as 'authorization: Bearer <token>' metadata.", "UNAUTHORIZED: Send a token as 'authorization: Bearer <token>' metadata.")]
    [InlineData("100% sure", "100%25 sure")]
    [InlineData("café\nok", "caf%C3%A9%0Aok")]
    public void A_grpc_message_escapes_only_what_is_not_printable_ascii_and_the_percent_sign(string message, string expected) =>
        Assert.Equal(expected, GrpcErrorMapping.PercentEncoded(message));
}
