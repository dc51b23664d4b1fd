using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Numscript;

/// <summary>Runs parsed Numscript programs with the semantics of Formance's interpreter (docs/numscript.md).</summary>
public static class NumscriptInterpreter
{
    /// <summary>
    /// Runs <paramref name="program"/> with the caller's <paramref name="variables"/> (strings, Formance's formats),
    /// reading balances through <paramref name="balances"/> and, for <c>meta()</c>, account metadata through
    /// <paramref name="metadata"/>. Failures are values: <see cref="ErrorCodes.InsufficientFunds"/>,
    /// <see cref="ErrorCodes.NoPostings"/>, <see cref="ErrorCodes.Validation"/> (variables),
    /// <see cref="ErrorCodes.CurrencyMismatch"/>, <see cref="ErrorCodes.InvalidAmount"/>,
    /// <see cref="ErrorCodes.NotFound"/> (metadata) and <see cref="ErrorCodes.InterpreterRuntime"/>.
    /// </summary>
    public static Result<NumscriptOutcome> Run(
        NumscriptProgram program,
        IReadOnlyDictionary<string, string> variables,
        IBalanceReader balances,
        IAccountMetadataReader? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(balances);
        return Execution.Run(program, variables, balances, metadata);
    }

    /// <summary>
    /// The (account, asset) balances a run with these variables may read, sorted by account then asset (ordinal), so
    /// the ledger can lock and load them in a fixed order before <see cref="Run"/>. It binds the variables as a run
    /// does (so it reads metadata for <c>meta()</c>) and fails on the same variable errors.
    /// </summary>
    public static Result<IReadOnlyList<BalanceKey>> PlanBalanceReads(
        NumscriptProgram program,
        IReadOnlyDictionary<string, string> variables,
        IAccountMetadataReader? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(variables);
        return BalanceReadPlanner.Plan(program, variables, metadata);
    }
}
