extern alias client;

using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using client::WalletFlow.Api.Grpc.Contracts;
using client::WalletFlow.Api.Grpc.WalletCore.Contracts;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// The API called through WalletFlow.Client, the client classes Grpc.Tools generates from the committed protos, as a
/// partner would: no message type shared with the server, so a contract the server cannot honour fails here.
/// </summary>
public sealed class GeneratedClientTests(WalletGrpc grpc) : IClassFixture<WalletGrpc>, IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(grpc.Api.GrpcAddress);

    private WalletsCommands.WalletsCommandsClient Commands => new(_channel);

    [Fact]
    public async Task Generated_clients_open_wallets_move_money_and_read_it_back_from_the_wallet_core_and_the_ledger()
    {
        var source = await CreateWalletAsync();
        var destination = await CreateWalletAsync();
        var payin = await Commands.PostPayinAsync(
            new PostPayinRequest { WalletId = source, BankId = "citi", AmountMinor = 4000, Currency = "USD" }, Metadata(NewKey()));

        var transfer = await Commands.TransferAsync(
            new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 1500, Currency = "USD" }, Metadata(NewKey()));

        Assert.Equal(("completed", 1500L), (transfer.Status, transfer.Data.AmountMinor));
        var reads = new WalletReads.WalletReadsClient(_channel);
        var balances = await reads.GetBalancesAsync(new GetBalancesQuery { WalletId = destination }, Metadata(key: null));
        Assert.Equal((1500L, "USD"), (balances.AvailableMinor, balances.Currency));
        var ledger = new LedgerReads.LedgerReadsClient(_channel);
        var posted = await ledger.GetTransactionAsync(new GetTransactionRequest { Id = transfer.LedgerTransactionId }, Metadata(key: null));
        var leg = Assert.Single(posted.Postings);
        Assert.Equal(($"wallets:{source}:available", $"wallets:{destination}:available", "1500", "USD/2"), (leg.Source, leg.Destination, leg.Amount, leg.Asset));
        Assert.True(payin.LedgerTransactionId < transfer.LedgerTransactionId);
    }

    [Fact]
    public async Task A_refusal_reaches_a_generated_client_with_its_code_and_field_in_the_rich_status()
    {
        var source = await CreateWalletAsync();
        var destination = await CreateWalletAsync();

        var poor = await Assert.ThrowsAsync<RpcException>(async () => await Commands.TransferAsync(
            new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 100, Currency = "USD" }, Metadata(NewKey())));
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await Commands.CreateWalletAsync(
            new CreateWalletRequest { MerchantId = "acme", Currency = "XYZ" }, Metadata(NewKey())));

        Assert.Equal(StatusCode.FailedPrecondition, poor.StatusCode);
        Assert.Equal(("INSUFFICIENT_FUNDS", "walletflow"), (poor.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason, poor.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Domain));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal("CURRENCY_UNKNOWN", invalid.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        Assert.Equal("currency", Assert.Single(invalid.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    public void Dispose() => _channel.Dispose();

    private async Task<string> CreateWalletAsync() =>
        (await Commands.CreateWalletAsync(new CreateWalletRequest { MerchantId = "acme", Currency = "USD" }, Metadata(NewKey()))).Data.WalletId;

    private static string NewKey() => WalletGrpc.NewKey();

    private static Metadata Metadata(string? key)
    {
        var metadata = new Metadata { { "authorization", $"Bearer {WalletGrpc.Token}" } };
        if (key is not null)
        {
            metadata.Add("idempotency-key", key);
        }

        return metadata;
    }
}
