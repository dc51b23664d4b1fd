using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Tests.Grains;

/// <summary>
/// What crosses between silos comes out as it went in, through the serializers Orleans generates at build: a plan with
/// its typed data, its partition and its changes, an answer with its receipt or its refusal.
/// </summary>
public sealed class GrainMessagesTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void A_planned_command_crosses_whole_with_its_typed_data()
    {
        var command = Plans.Transfer("key-1", amount: 1234);

        var copy = RoundTrip(command);

        Assert.Equal(command.Id, copy.Id);
        Assert.Equal(command.RequestHash, copy.RequestHash);
        Assert.Equal(command.Plan.Data, copy.Plan.Data);
        Assert.Equal(Plans.Json(command), Plans.Json(copy));
    }

    [Fact]
    public void A_plan_keeps_the_partition_that_routes_it()
    {
        var hold = HoldId.New(TimeProvider.System);
        var wallet = WalletId.New(TimeProvider.System);
        var settle = Plans.Settle(hold);
        var planned = Plans.Transfer("key-2");
        var transfer = planned with { Plan = planned.Plan with { Partition = new CommandPartition.Wallet(wallet) } };

        Assert.Equal(new CommandPartition.Hold(hold), RoundTrip(settle).Plan.Partition);
        Assert.Equal(new CommandPartition.Wallet(wallet), RoundTrip(transfer).Plan.Partition);
        Assert.IsType<CommandPartition.Direct>(RoundTrip(Plans.Transfer("key-3")).Plan.Partition);
    }

    [Fact]
    public void An_answer_crosses_with_its_receipt_or_its_refusal_and_details()
    {
        var command = Plans.Transfer("key-4");
        var receipt = new CommandOutcome(ScriptedJournal.ReceiptOf(command), Replayed: true);
        var refusal = new Error(ErrorCodes.InsufficientFunds, "Not enough.", "amount") { Details = [Error.Validation("Too much.", "amount")], Scope = "operators" };

        var completed = RoundTrip(CommitAnswer.From(receipt));
        var refused = RoundTrip(CommitAnswer.From(refusal));

        Assert.Equal(receipt.Receipt.Data, completed.ToResult().Value.Receipt.Data);
        Assert.Equal(JsonSerializer.Serialize(receipt, CommandJson.Options), JsonSerializer.Serialize(completed.ToResult().Value, CommandJson.Options));
        Assert.Equal((refusal.Code, refusal.Message, refusal.Field, refusal.Scope), (refused.Refusal!.Code, refused.Refusal.Message, refused.Refusal.Field, refused.Refusal.Scope));
        Assert.Equal(refusal.Details.Select(detail => detail.ToString()), refused.Refusal.Details.Select(detail => detail.ToString()));
    }

    [Fact]
    public void Every_command_s_receipt_data_has_an_Orleans_serializer()
    {
        var missing = CommandRegistry.All.Where(command => !Serializer.CanSerialize(command.DataType)).Select(command => $"{command.Name} ({command.DataType.Name})");

        Assert.Empty(missing);
        Assert.False(Serializer.CanSerialize(typeof(JsonElement)), "JSON must not cross a grain call: data records do.");
    }

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;
}
