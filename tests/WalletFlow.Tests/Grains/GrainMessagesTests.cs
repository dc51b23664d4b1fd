using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Tests.Grains;

/// <summary>What crosses between silos comes out as it went in: a plan in the journal's JSON form, an answer with its receipt or its refusal.</summary>
public sealed class GrainMessagesTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddWalletFlowGrainMessages())
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_planned_command_crosses_whole()
    {
        var command = Plans.Transfer("key-1", amount: 1234);

        var copy = RoundTrip(command);

        Assert.Equal(command.Id, copy.Id);
        Assert.Equal(command.RequestHash, copy.RequestHash);
        Assert.Equal(Plans.Json(command), Plans.Json(copy));
    }

    [Fact]
    public void An_answer_crosses_with_its_receipt_or_its_refusal_and_details()
    {
        var command = Plans.Transfer("key-2");
        var receipt = new CommandOutcome(ScriptedJournal.ReceiptOf(command), Replayed: true);
        var refusal = new Error(ErrorCodes.InsufficientFunds, "Not enough.", "amount") { Details = [Error.Validation("Too much.", "amount")], Scope = "operators" };

        var completed = RoundTrip(CommitAnswer.From(receipt));
        var refused = RoundTrip(CommitAnswer.From(refusal));

        Assert.Equal(JsonSerializer.Serialize(receipt, CommandJson.Options), JsonSerializer.Serialize(completed.ToResult().Value, CommandJson.Options));
        Assert.Equal((refusal.Code, refusal.Message, refusal.Field, refusal.Scope), (refused.Refusal!.Code, refused.Refusal.Message, refused.Refusal.Field, refused.Refusal.Scope));
        Assert.Equal(refusal.Details.Select(detail => detail.ToString()), refused.Refusal.Details.Select(detail => detail.ToString()));
    }

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;
}
