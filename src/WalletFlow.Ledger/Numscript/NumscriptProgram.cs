using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Checking;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Ledger.Numscript;

/// <summary>
/// A parsed and checked Numscript script. Immutable, so one instance can be cached per template and run by many
/// threads at once.
/// </summary>
public sealed class NumscriptProgram
{
    private NumscriptProgram(string source, ProgramSyntax syntax, NumscriptType[] variableTypes)
    {
        Source = source;
        Syntax = syntax;
        VariableTypes = variableTypes;
        var variables = new NumscriptVariable[variableTypes.Length];
        for (var i = 0; i < variables.Length; i++)
        {
            variables[i] = new NumscriptVariable(syntax.Variables[i].Name, variableTypes[i], syntax.Variables[i].Origin is not null);
        }

        Variables = variables;
    }

    public string Source { get; }

    /// <summary>The declared variables in declaration order; the caller supplies those that are not computed.</summary>
    public IReadOnlyList<NumscriptVariable> Variables { get; }

    internal ProgramSyntax Syntax { get; }

    internal NumscriptType[] VariableTypes { get; }

    /// <summary>
    /// Lexes, parses and checks <paramref name="source"/>. Any text gives a program or a
    /// <see cref="ErrorCodes.CompilationFailed"/> error naming the line:column and what was expected.
    /// </summary>
    public static Result<NumscriptProgram> Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Parser.Parse(source).TryGetValue(out var syntax, out var parseError))
        {
            return parseError;
        }

        if (Checker.Check(syntax) is { } checkError)
        {
            return checkError;
        }

        var types = new NumscriptType[syntax.Variables.Length];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = Checker.ParseTypeName(syntax.Variables[i].TypeName)!.Value;
        }

        return new NumscriptProgram(source, syntax, types);
    }
}
