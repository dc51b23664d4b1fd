using System.Diagnostics;
using System.Numerics;
using System.Text;
using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Tests.Ledger.Numscript;

/// <summary>
/// Feeds random and mutated scripts (characters and tokens deleted, duplicated, swapped, random bytes inserted) to
/// the parser and, when they compile, to the interpreter with arbitrary variables. Every input must give a Result;
/// an exception is a bug. Bounded in time.
/// </summary>
public sealed class NumscriptFuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private static readonly string[] Seeds =
    [
        """
        vars {
            monetary $amount
            account $from
            account $to
            portion $fee
            number $n
            string $note
            asset $asset
            account $seller = meta($from, "seller")
            monetary $held = balance($from, USD/2)
        }
        save [USD/2 5] from $from
        send $amount + [USD/2 1] - [USD/2 1] (
            source = {
                $from allowing overdraft up to [USD/2 100]
                max $held from @reserve
                { 50% from @a remaining from @world }
            }
            destination = {
                $fee to @fees
                1/3 to { max [USD/2 10] to $to remaining kept }
                remaining to $seller
            }
        )
        send [$asset *] ( source = { @a @b allowing overdraft up to [$asset 3] } destination = { max [$asset 2] kept remaining to @c } )
        set_tx_meta("note", $note)
        set_account_meta($to, "n", $n / 7)
        """,
        "send [COIN 10] ( source = @world allowing unbounded overdraft destination = { 12.5% to @a /* c */ 87.5% to @b } ) // x",
        "vars { number $x } send [JPY $x] ( source = { @a @world } destination = @b ) set_tx_meta(\"k\", (1 + 2) - 3)",
    ];

    private static readonly string[] Tokens =
    [
        "send", "save", "vars", "source", "destination", "=", "(", ")", "[", "]", "{", "}", "*", "+", "-", "/", ",", "max", "from",
        "to", "kept", "remaining", "allowing", "overdraft", "unbounded", "up", "@world", "@a", "$amount", "$x", "USD/2", "COIN",
        "10%", "1/3", "0", "-1", "99999999999999999999999", "\"s\"", "meta(", "balance(", "set_tx_meta(", "oneof", "\n", "/*", "*/", "//",
    ];

    private static readonly string[] VariableValues =
    [
        "USD/2 100", "USD/2 -5", "COIN 3", "users:1", "world", "10%", "1/3", "0/0", "42", "-7", "USD/2", "JPY", "", " ", "garbage", "@x",
    ];

    [Fact]
    public void Any_script_text_gives_a_result_never_an_exception()
    {
        var random = new Random(20240611);
        var clock = Stopwatch.StartNew();
        var inputs = 0;
        while (clock.Elapsed < Budget)
        {
            var script = random.Next(10) == 0 ? RandomText(random) : Mutate(random, Seeds[random.Next(Seeds.Length)]);
            Exercise(random, script);
            inputs++;
        }

        Assert.True(inputs > 1_000, $"Only {inputs} inputs were tried within the budget.");
    }

    [Fact]
    public void The_seed_scripts_compile()
    {
        foreach (var seed in Seeds)
        {
            Assert.True(NumscriptProgram.Parse(seed).IsSuccess, NumscriptProgram.Parse(seed).Error?.ToString());
        }
    }

    private static void Exercise(Random random, string script)
    {
        try
        {
            var program = NumscriptProgram.Parse(script);
            if (!program.IsSuccess)
            {
                Assert.StartsWith("COMPILATION_FAILED", program.Error!.ToString(), StringComparison.Ordinal);
                return;
            }

            var variables = program.Value.Variables.ToDictionary(v => v.Name, _ => VariableValues[random.Next(VariableValues.Length)]);
            var metadata = new InMemoryAccountMetadataReader(new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["users:1"] = new Dictionary<string, string> { ["seller"] = VariableValues[random.Next(VariableValues.Length)] },
            });
            var balances = new InMemoryBalanceReader(new Dictionary<BalanceKey, BigInteger>
            {
                [new("a", "USD/2")] = random.Next(-50, 200),
                [new("users:1", "USD/2")] = random.Next(-50, 200),
            });

            _ = NumscriptInterpreter.PlanBalanceReads(program.Value, variables, metadata);
            _ = NumscriptInterpreter.Run(program.Value, variables, balances, metadata);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"Exception {exception.GetType().Name} for script:\n{script}\n{exception}");
        }
    }

    private static string Mutate(Random random, string script)
    {
        var text = new StringBuilder(script);
        for (var mutations = random.Next(1, 5); mutations > 0 && text.Length > 0; mutations--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(7))
            {
                case 0:
                    text.Remove(at, Math.Min(random.Next(1, 8), text.Length - at));
                    break;
                case 1:
                    text.Insert(at, text.ToString(at, Math.Min(random.Next(1, 12), text.Length - at)));
                    break;
                case 2:
                    var other = random.Next(text.Length);
                    (text[at], text[other]) = (text[other], text[at]);
                    break;
                case 3:
                    text.Insert(at, (char)random.Next(0, 256));
                    break;
                case 4:
                    text.Insert(at, " " + Tokens[random.Next(Tokens.Length)] + " ");
                    break;
                case 5:
                    return SwapWords(random, text.ToString());
                default:
                    text[at] = (char)random.Next(0x20, 0x7f);
                    break;
            }
        }

        return text.ToString();
    }

    private static string SwapWords(Random random, string script)
    {
        var words = script.Split(' ');
        var (i, j) = (random.Next(words.Length), random.Next(words.Length));
        (words[i], words[j]) = (words[j], words[i]);
        return string.Join(' ', words);
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(1, 40); i > 0; i--)
        {
            text.Append(random.Next(3) == 0 ? ((char)random.Next(0, 0x3000)).ToString() : Tokens[random.Next(Tokens.Length)]).Append(' ');
        }

        return text.ToString();
    }
}
