using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// Gives every declared variable its value, in declaration order (Formance's parseVars): from the caller's strings,
/// or from <c>meta()</c> (the metadata string read with the declared type's format) or <c>balance()</c> (a negative
/// balance is an error). A supplied value for a computed variable is ignored, as in Formance.
/// </summary>
internal static class VariableBinder
{
    public static Error? Bind(
        NumscriptProgram program,
        IReadOnlyDictionary<string, string> variables,
        IAccountMetadataReader? metadata,
        IOriginBalances balances,
        Value[] slots)
    {
        var declarations = program.Syntax.Variables;
        for (var slot = 0; slot < declarations.Length; slot++)
        {
            var declaration = declarations[slot];
            var type = program.VariableTypes[slot];
            var error = declaration.Origin is { } origin
                ? BindOrigin(origin, type, slots, metadata, balances, out slots[slot])
                : BindSupplied(declaration.Name, type, variables, out slots[slot]);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static Error? BindSupplied(string name, NumscriptType type, IReadOnlyDictionary<string, string> variables, out Value value)
    {
        value = default;
        if (!variables.TryGetValue(name, out var raw))
        {
            return NumscriptErrors.MissingVariable(name);
        }

        return VariableValues.TryParse(type, raw, out value, out var reason)
            ? null
            : NumscriptErrors.InvalidVariable(name, type, raw, reason);
    }

    private static Error? BindOrigin(
        FunctionCall origin,
        NumscriptType type,
        Value[] slots,
        IAccountMetadataReader? metadata,
        IOriginBalances balances,
        out Value value)
    {
        value = default;
        if (ExpressionEvaluator.Evaluate(origin.Arguments[0], slots, out var account) is { } accountError)
        {
            return accountError;
        }

        if (ExpressionEvaluator.Evaluate(origin.Arguments[1], slots, out var second) is { } secondError)
        {
            return secondError;
        }

        if (origin.Name == BuiltinFunctions.Balance)
        {
            var balance = balances.Read(account.Text, second.Text);
            if (balance.Sign < 0)
            {
                return NumscriptErrors.NegativeBalance(account.Text, second.Text, balance, origin.Position);
            }

            value = Value.Monetary(second.Text, balance);
            return null;
        }

        string? raw = null;
        if (metadata?.TryGetMetadata(account.Text, second.Text, out raw) != true)
        {
            return NumscriptErrors.MetadataNotFound(account.Text, second.Text, origin.Position);
        }

        return VariableValues.TryParse(type, raw!, out value, out var reason)
            ? null
            : NumscriptErrors.InvalidMetadataValue(account.Text, second.Text, type, raw!, reason, origin.Position);
    }
}
