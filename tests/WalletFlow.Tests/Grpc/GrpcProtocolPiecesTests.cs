using Microsoft.AspNetCore.Http;
using WalletFlow.Api.Grpc;
using WalletFlow.Api.Grpc.Contracts;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;

namespace WalletFlow.Tests.Grpc;

/// <summary>The small pure parts of the protocol: timeouts, message encoding, the status mapping, call metadata.</summary>
public sealed class GrpcProtocolPiecesTests
{
    [Theory]
    [InlineData("2H", 2 * 3600 * 10_000_000L)]
    [InlineData("3M", 3 * 60 * 10_000_000L)]
    [InlineData("5S", 5 * 10_000_000L)]
    [InlineData("250m", 250 * 10_000L)]
    [InlineData("1500u", 1500 * 10L)]
    [InlineData("1000n", 10L)]
    [InlineData("99999999S", 99_999_999 * 10_000_000L)]
    public void A_grpc_timeout_is_read_in_every_unit(string header, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), GrpcTimeout.Parse(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    public void A_grpc_timeout_outside_the_grammar_is_no_deadline(string? header) => Assert.Null(GrpcTimeout.Parse(header));

    [Fact]
    public void A_grpc_message_is_percent_encoded_outside_printable_ascii_and_for_the_percent_sign() =>
        Assert.Equal("50%25 of 10 %E2%82%AC%0Anext", GrpcMessageEncoding.Encode("50% of 10 €\nnext"));

    [Theory]
    [InlineData(ErrorCodes.InsufficientFunds, GrpcStatusCode.FailedPrecondition)]
    [InlineData(ErrorCodes.FlagDenied, GrpcStatusCode.FailedPrecondition)]
    [InlineData(LedgerErrors.AlreadyRevertedCode, GrpcStatusCode.FailedPrecondition)]
    [InlineData(ErrorCodes.Validation, GrpcStatusCode.InvalidArgument)]
    [InlineData(ErrorCodes.InvalidAmount, GrpcStatusCode.InvalidArgument)]
    [InlineData(ErrorCodes.InvalidAddress, GrpcStatusCode.InvalidArgument)]
    [InlineData(ErrorCodes.CurrencyUnknown, GrpcStatusCode.InvalidArgument)]
    [InlineData(ErrorCodes.IdempotencyConflict, GrpcStatusCode.AlreadyExists)]
    [InlineData(ErrorCodes.Conflict, GrpcStatusCode.AlreadyExists)]
    [InlineData(ErrorCodes.NotFound, GrpcStatusCode.NotFound)]
    [InlineData(LedgerErrors.LedgerNotFoundCode, GrpcStatusCode.NotFound)]
    [InlineData(ErrorCodes.Unauthorized, GrpcStatusCode.Unauthenticated)]
    [InlineData(ErrorCodes.Forbidden, GrpcStatusCode.PermissionDenied)]
    [InlineData(ErrorCodes.Unavailable, GrpcStatusCode.Unavailable)]
    [InlineData(ErrorCodes.CurrencyMismatch, GrpcStatusCode.FailedPrecondition)]
    [InlineData(ErrorCodes.WalletNotActive, GrpcStatusCode.FailedPrecondition)]
    [InlineData(ErrorCodes.FxQuoteExpired, GrpcStatusCode.FailedPrecondition)]
    [InlineData(ErrorCodes.FxRateUnavailable, GrpcStatusCode.FailedPrecondition)]
    [InlineData(ErrorCodes.NotReversible, GrpcStatusCode.FailedPrecondition)]
    [InlineData(ErrorCodes.IdempotencyKeyMissing, GrpcStatusCode.InvalidArgument)]
    [InlineData(ErrorCodes.InvalidId, GrpcStatusCode.InvalidArgument)]
    [InlineData(ErrorCodes.FxQuoteUsed, GrpcStatusCode.AlreadyExists)]
    [InlineData(ErrorCodes.AlreadyReversed, GrpcStatusCode.AlreadyExists)]
    [InlineData(ErrorCodes.HoldNotOpen, GrpcStatusCode.Aborted)]
    [InlineData(ErrorCodes.IdempotencyInProgress, GrpcStatusCode.Aborted)]
    [InlineData("SOMETHING_NEW", GrpcStatusCode.Unknown)]
    public void A_walletflow_error_code_maps_to_its_grpc_status(string code, GrpcStatusCode status) =>
        Assert.Equal(status, GrpcErrorMapping.ToStatusCode(code));

    [Fact]
    public void A_mapped_status_message_starts_with_the_walletflow_code()
    {
        var status = GrpcErrorMapping.ToStatus(LedgerErrors.InsufficientFunds("users:alice", "USD/2", 100, 250));

        Assert.Equal(GrpcStatusCode.FailedPrecondition, status.Code);
        Assert.Equal("INSUFFICIENT_FUNDS: Account users:alice has 100 USD/2 and cannot send 250.", status.Message);
    }

    [Fact]
    public void A_method_wired_to_messages_or_a_kind_its_descriptor_does_not_name_fails_at_start_up()
    {
        var getAccount = LedgerReadsReflection.Descriptor.Services.Single().FindMethodByName("GetAccount");
        var listTransactions = LedgerReadsReflection.Descriptor.Services.Single().FindMethodByName("ListTransactions");

        Assert.Throws<ArgumentException>(() => GrpcMethod.Unary<GetTransactionRequest, Account>(getAccount, (_, _) => throw new InvalidOperationException()));
        Assert.Throws<ArgumentException>(() => GrpcMethod.Unary<ListTransactionsRequest, Transaction>(listTransactions, (_, _) => throw new InvalidOperationException()));
        Assert.Equal(
            "/walletflow.v1.LedgerReads/GetAccount",
            GrpcMethod.Unary<GetAccountRequest, Account>(getAccount, (_, _) => throw new InvalidOperationException()).Path);
    }

    [Fact]
    public void Call_metadata_is_read_by_case_insensitive_key_and_is_null_when_absent()
    {
        var headers = new HeaderDictionary { ["Idempotency-Key"] = "key-1", ["authorization"] = "Bearer token" };
        var context = new GrpcCallContext(headers, new HeaderDictionary(), null, CancellationToken.None);

        Assert.Equal("key-1", context.Metadata("idempotency-key"));
        Assert.Equal("Bearer token", context.Metadata("Authorization"));
        Assert.Null(context.Metadata("x-missing"));
    }
}
