using System.Globalization;
using System.Text.Json;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Tests.Grains;

/// <summary>Planned commands shaped as handlers plan them: a template posting, state changes, flag scopes and receipt data.</summary>
internal static class Plans
{
    public static PlannedCommand Transfer(string key, string wallet = "wal_a", long amount = 100) => Planned(key, "transfer", new CommandPlan(
        new CommandPartition.Direct(),
        new PostTemplate("transfer", new Dictionary<string, string> { ["source"] = $"wallets:{wallet}:available", ["amount"] = $"USD/2 {amount}" }, new Dictionary<string, string> { ["command_id"] = key }),
        [new OpenWallet("wal_b", "acme", "USD", Label: null, DateTimeOffset.UnixEpoch), new RecordReversal("wtx_x")],
        FlagScope.Of("acme", "USD"),
        new TransferData(wallet, "wal_b", (amount / 100m).ToString("0.00", CultureInfo.InvariantCulture), "USD", Reference: key)));

    public static PlannedCommand Settle(HoldId hold, string key = "settle") => Planned(key, "settleHold", new CommandPlan(
        new CommandPartition.Hold(hold),
        Ledger: null,
        [new MoveHold(hold.ToString(), Holds.Open, HoldStatus.Settled, Reason: null, DateTimeOffset.UnixEpoch)],
        FlagScope.None,
        new HoldData(hold.ToString(), "wal_a", "1.00", "100", "USD", "stripe", "citi", Beneficiary: null, "settled", Reason: null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, StuckSince: null)));

    private static PlannedCommand Planned(string key, string command, CommandPlan plan) =>
        new(CommandId.New(TimeProvider.System), Caller.OperatorScope, key, command, [1, 2, 3], plan, DateTimeOffset.UnixEpoch);

    /// <summary>Two plans are the same once serialized as the journal stores them (the partition only routes, and is not stored).</summary>
    public static string Json(PlannedCommand command) => JsonSerializer.Serialize(command with { Plan = command.Plan with { Partition = new CommandPartition.Direct() } }, CommandJson.Options);
}
