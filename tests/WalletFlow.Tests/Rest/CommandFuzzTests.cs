using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using WalletFlow.Application.Commands;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Rest;

/// <summary>
/// A property over every REST command route of the registry: bodies built from each command's own example (with real
/// ids, so mutations reach deep into the handlers) and then mutated (wrong kinds of value, huge and empty text, lone
/// surrogates, NUL and control characters, invalid UTF-8, unknown, case-variant and repeated fields, nulls, nested
/// junk, no object at all) never produce a 5xx; every refusal is problem+json with a code, in a sentence that shows
/// no .NET type and no engine position; and every refusal leaves the books exactly as they were. Deterministic: the
/// seed is fixed, and a failure prints it with the case.
/// </summary>
public sealed partial class CommandFuzzTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const ulong Seed = 20261204;
    private const int Runs = 300;

    /// <summary>Values a field can be given instead of its own, as raw JSON (some of it deliberately not UTF-8).</summary>
    private static readonly byte[][] Junk =
    [
        .. new[]
        {
            "12.5", "0", "-1", "1e400", "true", "false", "null", "\"\"", "\"   \"", "\"\\ud800\"", "\"x\\udfff\\ud800y\"", "\"a\\u0000b\"", "\"\\u0007\"",
            "\"rtl\\u202eltr\"", "\"line\\nbreak\"", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}", "[1,\"x\",null]", "{}", "[]", "\"😀👩‍👩‍👧\"", "\"-12.50\"",
            "\"1e3\"", "\"NaN\"", "\"USD\"", "\"wal_00000000000000000000000000000000\"", "\"hold_0195f3a2c4d17d2e8c3f4a5b6c7d8e92\"",
            "\"UPPER case\"", "\"$(whoami); drop table core.commands; --\"", "\"" + new string('x', 5_000) + "\"", "\"" + new string('9', 65) + "\"",
        }.Select(Encoding.UTF8.GetBytes),
        [(byte)'"', 0xC3, 0x28, (byte)'"'],
        [(byte)'"', (byte)'a', 0xFF, (byte)'"'],
        [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'],
        [(byte)'"', 0xF0, 0x9F, 0x98, (byte)'"'],
    ];

    /// <summary>Whole bodies that are not one JSON object, or not JSON at all.</summary>
    private static readonly byte[][] WholeJunk =
    [
        .. new[] { "", "[]", "\"text\"", "42", "null", "{", "{\"a\":}", "{\"a\" \"b\"}", new string('[', 100) + new string(']', 100), "{\"a\":1,\"a\":2}", "{\"\\ud800\":1}" }
            .Select(Encoding.UTF8.GetBytes),
        [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'],
        [0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0],
        Encoding.UTF8.GetBytes("{\"label\":\"" + new string('x', 70_000) + "\"}"),
    ];

    private WalletCoreHost _host = null!;
    private Dictionary<string, string> _ids = null!;
    private int _refused;

    public async ValueTask InitializeAsync()
    {
        _host = await WalletCoreHost.StartAsync(postgres, nameof(CommandFuzzTests));
        var wallet = await _host.CreateWalletAsync(merchant: "fuzz");
        var other = await _host.CreateWalletAsync(merchant: "fuzz");
        var paid = await _host.PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount = "10000.00", currency = "USD" });
        Assert.Equal(HttpStatusCode.Created, paid.Status);
        var hold = await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "10.00", currency = "USD", provider = "wise", bankId = "citi" });
        Assert.Equal(HttpStatusCode.Created, hold.Status);
        _ids = new(StringComparer.Ordinal)
        {
            [CommandExamples.WalletId] = wallet,
            [CommandExamples.OtherWalletId] = other,
            [CommandExamples.HoldId] = hold.Data.GetProperty("holdId").GetString()!,
            [CommandExamples.TransactionId] = paid.Body.GetProperty("commandId").GetString()!,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public void Mutated_bodies_on_every_command_route_never_get_a_5xx_and_every_refusal_changes_nothing()
    {
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var cases = (
            from command in Gen.Elements(CommandRegistry.All.ToArray())
            from mutations in Gen.Choose(1, 3)
            from salt in Gen.Choose(0, int.MaxValue)
            select Mutate(command, mutations, salt)).ToArbitrary();
        var config = Config.QuickThrowOnFailure.WithMaxTest(Runs).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));

        try
        {
            Check.One(config, Prop.ForAll(cases, fuzz =>
            {
                tried.Add(fuzz.Command.Name);
                Task.Run(() => ProbeAsync(fuzz)).GetAwaiter().GetResult();
                return true;
            }));
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"The fuzz run with seed {Seed} failed; the falsifying case is below.\n{failure.Message}", failure);
        }

        Assert.Equal(CommandRegistry.All.Select(command => command.Name).Order(), tried.Order());
        Assert.True(_refused > Runs / 2, $"Only {_refused} of {Runs} mutated bodies were refused: the mutations barely bite.");
    }

    private async Task ProbeAsync(FuzzCase fuzz)
    {
        var before = await BooksAsync();
        using var content = new ByteArrayContent(fuzz.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, fuzz.Path) { Content = content };
        request.Headers.Add("Idempotency-Key", _host.NewKey());
        using var response = await _host.Client.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(status < 500, $"{status} for {fuzz}: {text}");
        if (status < 300)
        {
            return;
        }

        _refused++;
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("code").GetString()), $"No code for {fuzz}: {text}");
        Assert.DoesNotMatch(Internals(), text);
        Assert.Equal(before, await BooksAsync());
    }

    /// <summary>What a refusal must leave as it was: every table a command writes, and the ledger.</summary>
    private Task<string> BooksAsync() => _host.ScalarAsync<string>("""
        select concat_ws(' ',
            (select count(*) from ledger.transactions), (select count(*) from ledger.postings),
            (select coalesce(sum(input - output), 0) from ledger.volumes where account <> 'world'),
            (select count(*) from core.commands), (select count(*) from core.outbox), (select count(*) from core.holds),
            (select string_agg(status, ',' order by id) from core.holds), (select count(*) from core.wallets),
            (select count(*) from core.fx_quotes), (select count(*) from core.feature_flags))
        """);

    /// <summary>The command's example with the fixture's real ids, mutated <paramref name="mutations"/> times.</summary>
    private FuzzCase Mutate(CommandDescriptor command, int mutations, int salt)
    {
        var random = new System.Random(salt);
        var example = JsonSerializer.Serialize(command.ExampleRequest, command.RequestType, CommandJson.Options);
        foreach (var (sample, real) in _ids)
        {
            example = example.Replace(sample, real, StringComparison.Ordinal);
        }

        var fields = JsonDocument.Parse(example).RootElement.EnumerateObject()
            .Where(property => property.Value.ValueKind != JsonValueKind.Null)
            .Select(property => (Name: Encoding.UTF8.GetBytes(JsonSerializer.Serialize(property.Name)), Value: Encoding.UTF8.GetBytes(property.Value.GetRawText())))
            .ToList();
        var path = RestV1Path(command.Route);
        byte[]? whole = null;
        for (var i = 0; i < mutations; i++)
        {
            switch (random.Next(fields.Count == 0 ? 3 : 7))
            {
                case 0:
                    whole = WholeJunk[random.Next(WholeJunk.Length)];
                    break;
                case 1:
                    fields.Add((Encoding.UTF8.GetBytes(random.Next(4) switch { 0 => "\"colour\"", 1 => "\"\"", 2 => "\"\\ud800\"", _ => "\"a\\u0000b\"" }), Junk[random.Next(Junk.Length)]));
                    break;
                case 2:
                    path = path.Replace("{WALLET}", random.Next(2) == 0 ? "not-a-wallet" : "wal_%E2%80%AE", StringComparison.Ordinal)
                        .Replace("{HOLD}", random.Next(2) == 0 ? "hold_" + new string('f', 70) : "x%20y", StringComparison.Ordinal);
                    break;
                case 3:
                    var replaced = random.Next(fields.Count);
                    fields[replaced] = (fields[replaced].Name, Junk[random.Next(Junk.Length)]);
                    break;
                case 4:
                    fields.RemoveAt(random.Next(fields.Count));
                    break;
                case 5:
                    var twin = fields[random.Next(fields.Count)];
                    var name = Encoding.UTF8.GetString(twin.Name);
                    var variant = random.Next(2) == 0 ? name.ToUpperInvariant() : string.Concat(name[..^2], char.ToUpperInvariant(name[^2]), name[^1..]);
                    fields.Add((Encoding.UTF8.GetBytes(variant), random.Next(2) == 0 ? twin.Value : Junk[random.Next(Junk.Length)]));
                    break;
                default:
                    fields.Add(fields[random.Next(fields.Count)]);
                    break;
            }
        }

        var body = whole ?? [(byte)'{', .. fields.SelectMany((field, index) => (byte[])[.. index == 0 ? [] : ","u8.ToArray(), .. field.Name, (byte)':', .. field.Value]), (byte)'}'];
        var realPath = path.Replace("{WALLET}", _ids[CommandExamples.WalletId], StringComparison.Ordinal).Replace("{HOLD}", _ids[CommandExamples.HoldId], StringComparison.Ordinal);
        return new FuzzCase(command, realPath, body);
    }

    private static string RestV1Path(string route) => "/v1" + route.Replace("{walletId}", "{WALLET}", StringComparison.Ordinal).Replace("{holdId}", "{HOLD}", StringComparison.Ordinal);

    /// <summary>What a partner's answer must never show: .NET type or namespace names, serializer positions, engine positions.</summary>
    [GeneratedRegex(@"WalletFlow\.|System\.|LineNumber|BytePositionInLine|Path: \$|\b\d+:\d+: ")]
    private static partial Regex Internals();

    /// <summary>One probe: the route and the exact bytes sent, printed readably when it falsifies the property.</summary>
    private sealed record FuzzCase(CommandDescriptor Command, string Path, byte[] Body)
    {
        public override string ToString()
        {
            var shown = Encoding.UTF8.GetString(Body);
            return $"POST {Path} ({Body.Length} bytes) {(shown.Length > 300 ? shown[..300] + "..." : shown)}";
        }
    }
}
