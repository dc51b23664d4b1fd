using System.Globalization;
using WalletFlow.Bench.Numscript;
using WalletFlow.Ledger.Numscript;

// Each script: parse timed on its own, then runs of the cached program. About 1.5 s per script in all, after one
// pass over every script so the JIT has compiled the engine's optimised code before the first measurement.
var warmUp = TimeSpan.FromMilliseconds(250);
var duration = TimeSpan.FromMilliseconds(500);
var culture = CultureInfo.InvariantCulture;

foreach (var script in BenchmarkScripts.All)
{
    var program = NumscriptProgram.Parse(script.Source).Value;
    var balances = new InMemoryBalanceReader(script.Balances);
    Measurement.Of(() => NumscriptProgram.Parse(script.Source).IsSuccess ? 1 : 0, warmUp, warmUp);
    Measurement.Of(() => NumscriptInterpreter.Run(program, script.Variables, balances).IsSuccess ? 1 : 0, warmUp, warmUp);
}

Console.WriteLine(string.Create(culture, $"{"script",-32} {"parse ns/op",12} {"run ns/op",10} {"run ops/s",12} {"run B/op",9}"));
foreach (var script in BenchmarkScripts.All)
{
    var parsed = NumscriptProgram.Parse(script.Source);
    if (!parsed.IsSuccess)
    {
        Console.Error.WriteLine($"{script.Name}: {parsed.Error}");
        return 1;
    }

    var program = parsed.Value;
    var balances = new InMemoryBalanceReader(script.Balances);
    var check = NumscriptInterpreter.Run(program, script.Variables, balances);
    if (!check.IsSuccess)
    {
        Console.Error.WriteLine($"{script.Name}: {check.Error}");
        return 1;
    }

    var parse = Measurement.Of(() => NumscriptProgram.Parse(script.Source).IsSuccess ? 1 : 0, warmUp, duration);
    var run = Measurement.Of(() => NumscriptInterpreter.Run(program, script.Variables, balances).Value.Postings.Count, warmUp, duration);
    Console.WriteLine(string.Create(
        culture,
        $"{script.Name,-32} {parse.NanosecondsPerOperation,12:N0} {run.NanosecondsPerOperation,10:N0} {run.OperationsPerSecond,12:N0} {run.BytesPerOperation,9:N0}"));
}

return 0;
