using System.Globalization;
using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Runtime;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Ledger.Numscript;

/// <summary>
/// Every error the engine reports, in one place so the codes and wording stay consistent. The comment on each names
/// the Formance interpreter error it stands for (docs/numscript.md, "Errors").
/// </summary>
internal static class NumscriptErrors
{
    /// <summary>Lexer, parser and checker errors (Formance: parsing errors, checker diagnostics).</summary>
    public static Error Compilation(SourcePosition position, string message) =>
        new(ErrorCodes.CompilationFailed, $"{position}: {message}");

    /// <summary>Formance: InvalidFeature (a <c>#![feature("...")]</c> naming no flag it knows).</summary>
    public static Error UnknownFeature(string feature, SourcePosition position) =>
        new(ErrorCodes.CompilationFailed, $"{position}: unknown feature \"{feature}\": Formance's interpreter has no feature flag of that name.");

    /// <summary>Formance: MissingVariableErr.</summary>
    public static Error MissingVariable(string name) =>
        new(ErrorCodes.Validation, $"Variable ${name} is declared by the script but was not supplied.", name);

    /// <summary>Formance: InvalidMonetaryLiteral, InvalidNumberLiteral, BadPortionParsingErr, InvalidAccountName, invalid asset.</summary>
    public static Error InvalidVariable(string name, NumscriptType type, string raw, string reason) =>
        new(ErrorCodes.Validation, $"Variable ${name} is not a valid {TypeName(type)} ('{raw}'): {reason}.", name);

    /// <summary>Formance: MetadataNotFound.</summary>
    public static Error MetadataNotFound(string account, string key, SourcePosition position) =>
        Error.NotFound($"{position}: account @{account} has no metadata under the key '{key}'.");

    /// <summary>Formance: the parse error of the declared type, raised on a meta() value.</summary>
    public static Error InvalidMetadataValue(string account, string key, NumscriptType type, string raw, string reason, SourcePosition position) =>
        new(ErrorCodes.Validation, $"{position}: metadata '{key}' of @{account} is not a valid {TypeName(type)} ('{raw}'): {reason}.");

    /// <summary>Formance: NegativeBalanceError (balance() of an account in overdraft).</summary>
    public static Error NegativeBalance(string account, string asset, BigInteger balance, SourcePosition position) =>
        new(ErrorCodes.InterpreterRuntime, $"{position}: cannot read a negative balance: @{account} holds [{asset} {Format(balance)}].");

    /// <summary>Formance: NegativeAmountErr.</summary>
    public static Error NegativeAmount(string asset, BigInteger amount, SourcePosition position) =>
        new(ErrorCodes.InvalidAmount, $"{position}: cannot move a negative amount: [{asset} {Format(amount)}].");

    /// <summary>Formance: MissingFundsErr.</summary>
    public static Error InsufficientFunds(IReadOnlyList<string> accounts, string asset, BigInteger needed, BigInteger available, SourcePosition position)
    {
        var names = accounts.Count == 0 ? "the source" : "@" + string.Join(", @", accounts);
        return new(
            ErrorCodes.InsufficientFunds,
            $"{position}: not enough funds in {names}: needed [{asset} {Format(needed)}], only [{asset} {Format(available)}] available.");
    }

    /// <summary>Formance: MismatchedCurrencyError.</summary>
    public static Error CurrencyMismatch(string expected, string got, SourcePosition position) =>
        new(ErrorCodes.CurrencyMismatch, $"{position}: expected an amount in {expected}, got one in {got}.");

    /// <summary>Formance: InvalidAllotmentSum.</summary>
    public static Error InvalidAllotmentSum(Rational sum, SourcePosition position) =>
        new(ErrorCodes.InterpreterRuntime, $"{position}: the portions of an allotment must sum to 1 (got {sum}).");

    /// <summary>Formance's later interpreter refuses negative portions too (InvalidAllotmentSum on a negative leftover).</summary>
    public static Error NegativePortion(Rational portion, SourcePosition position) =>
        new(ErrorCodes.InterpreterRuntime, $"{position}: a portion cannot be negative (got {portion}).");

    /// <summary>Formance: InvalidAllotmentInSendAll.</summary>
    public static Error AllotmentInSendAll(SourcePosition position) =>
        new(ErrorCodes.InterpreterRuntime, $"{position}: cannot send everything ('*') from an allotment source.");

    /// <summary>Formance: InvalidUnboundedInSendAll.</summary>
    public static Error UnboundedInSendAll(string account, SourcePosition position) =>
        new(ErrorCodes.InterpreterRuntime, $"{position}: cannot send everything ('*') from @{account}, an unbounded source.");

    /// <summary>Formance: DivideByZero.</summary>
    public static Error DivideByZero(BigInteger numerator, SourcePosition position) =>
        new(ErrorCodes.InterpreterRuntime, $"{position}: cannot divide by zero ({Format(numerator)}/0).");

    /// <summary>Formance: InternalError from its posting invariants (an asset the ledger would not store).</summary>
    public static Error InvalidPostingAsset(string asset) =>
        new(ErrorCodes.InterpreterRuntime, $"'{asset}' is not a valid ledger asset (up to 17 letters or digits, then at most /6 digits of precision).");

    /// <summary>Formance ledger: ErrNoPostings ("numscript execution returned no postings").</summary>
    public static Error NoPostings() =>
        new(ErrorCodes.NoPostings, "The script produced no posting; the ledger does not record an empty transaction.");

    public static string TypeName(NumscriptType type) => type switch
    {
        NumscriptType.Monetary => "monetary",
        NumscriptType.Account => "account",
        NumscriptType.Number => "number",
        NumscriptType.String => "string",
        NumscriptType.Portion => "portion",
        NumscriptType.Asset => "asset",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string Format(BigInteger amount) => amount.ToString(CultureInfo.InvariantCulture);
}
