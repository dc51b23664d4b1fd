using WalletFlow.Application.Commands;

namespace WalletFlow.Application.Reconciliation;

/// <summary>The four gates the books must pass, in the order they are run and shown.</summary>
public enum ReconciliationGate
{
    /// <summary>Per currency, the trial balance's debits equal its credits.</summary>
    TrialBalance,

    /// <summary>Every open hold row equals its hold account's balance in the ledger, and no other hold account holds money.</summary>
    Holds,

    /// <summary>Every wallet's statement lines equal the ledger's movements of the wallet, transaction by transaction.</summary>
    Statements,

    /// <summary>Every ledger address classifies on the chart of accounts, and the loaded catalog equals the bundled one.</summary>
    ChartOfAccounts,
}

/// <summary>Who asked for a run: an operator, or the schedule.</summary>
public enum RunTrigger
{
    Operator,
    Schedule,
}

/// <summary>One figure a gate measured (a count or an amount), named for an operator.</summary>
public sealed record GateFigure(string Name, string Value);

/// <summary>
/// One gate's verdict: passed or not, the figures behind it, and the first <see cref="ReconciliationGates.MismatchLimit"/>
/// mismatches in words (<see cref="MismatchCount"/> counts them all).
/// </summary>
public sealed record GateResultData(
    [property: Choice(typeof(ReconciliationGate))] string Gate,
    string Title,
    bool Passed,
    IReadOnlyList<GateFigure> Figures,
    IReadOnlyList<string> Mismatches,
    int MismatchCount);

/// <summary>A run of the four gates over one consistent snapshot of the books.</summary>
public sealed record ReconciliationRunData(
    string RunId,
    [property: Choice(typeof(RunTrigger))] string Trigger,
    string RequestedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Passed,
    IReadOnlyList<GateResultData> Gates);

/// <summary>The latest runs, newest first.</summary>
public sealed record ReconciliationRunListData(IReadOnlyList<ReconciliationRunData> Items);
