using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Tests.Ledger.Numscript;

/// <summary>Arranges one script run (balances, variables, metadata) and asserts on its outcome.</summary>
internal sealed class ScriptRun
{
    private readonly string _source;
    private readonly Dictionary<BalanceKey, BigInteger> _balances = [];
    private readonly Dictionary<string, string> _variables = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _metadata = [];

    private ScriptRun(string source) => _source = source;

    public static ScriptRun Of(string source) => new(source);

    public static NumscriptPosting Posting(string source, string destination, long amount, string asset) =>
        new(source, destination, amount, asset);

    public ScriptRun WithBalance(string account, string asset, BigInteger amount)
    {
        _balances[new BalanceKey(account, asset)] = amount;
        return this;
    }

    public ScriptRun WithVariable(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public ScriptRun WithMetadata(string account, string key, string value)
    {
        var keys = _metadata.TryGetValue(account, out var existing)
            ? new Dictionary<string, string>(existing)
            : [];
        keys[key] = value;
        _metadata[account] = keys;
        return this;
    }

    public Result<NumscriptOutcome> Run()
    {
        var program = NumscriptProgram.Parse(_source);
        Assert.True(program.IsSuccess, $"The script should compile: {program.Error}");
        return NumscriptInterpreter.Run(
            program.Value,
            _variables,
            new InMemoryBalanceReader(_balances),
            new InMemoryAccountMetadataReader(_metadata));
    }

    public Result<IReadOnlyList<BalanceKey>> Plan()
    {
        var program = NumscriptProgram.Parse(_source);
        Assert.True(program.IsSuccess, $"The script should compile: {program.Error}");
        return NumscriptInterpreter.PlanBalanceReads(program.Value, _variables, new InMemoryAccountMetadataReader(_metadata));
    }

    public NumscriptOutcome Succeeds()
    {
        var result = Run();
        Assert.True(result.IsSuccess, $"The run should succeed: {result.Error}");
        return result.Value;
    }

    public void ProducesPostings(params NumscriptPosting[] expected) =>
        Assert.Equal(expected, Succeeds().Postings);

    public Error Fails(string code)
    {
        var result = Run();
        Assert.False(result.IsSuccess, $"The run should fail with {code}, but produced {result}");
        Assert.Equal(code, result.Error!.Code);
        return result.Error;
    }

    public static Error FailsToCompile(string source)
    {
        var program = NumscriptProgram.Parse(source);
        Assert.False(program.IsSuccess, "The script should not compile");
        Assert.Equal(ErrorCodes.CompilationFailed, program.Error!.Code);
        return program.Error;
    }
}
