using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FSharp.Core;
using Npgsql;
using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Api.Grpc.Mapping;
using WalletFlow.Application.Commands;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// A property over every command RPC of the registry: each command's example request as its message (with real ids,
/// so mutations reach deep into the handlers), with one to three fields given hostile values (NUL and control
/// characters, direction overrides, huge and empty text, extreme and negative amounts, flipped switches), never ends
/// as INTERNAL or UNKNOWN; every refusal carries its WalletFlow code as ErrorInfo and leaves the books exactly as they
/// were. Lone surrogates are not among the values: a protobuf string is UTF-8 by definition, so no client can send
/// one (REST's fuzz covers them). Deterministic: the seed is fixed. The fixture checks the invariants afterwards.
/// </summary>
public sealed class CommandGrpcFuzzTests(WalletGrpc grpc) : IClassFixture<WalletGrpc>, IAsyncLifetime
{
    private const ulong Seed = 20261205;
    private const int Runs = 200;

    private static readonly string[] Texts =
    [
        "", "   ", "a\0b", "\u0007", "rtl\u202eltr", "line\nbreak", "😀👩‍👩‍👧", "-12.50", "NaN", "USD", "citi", "credit",
        "wal_00000000000000000000000000000000", "hold_0195f3a2c4d17d2e8c3f4a5b6c7d8e92", "UPPER case", "$(whoami); drop table core.commands; --",
        new string('x', 5_000), new string('9', 65),
    ];

    private static readonly long[] Numbers = [0, -1, 1, long.MinValue, long.MaxValue, int.MaxValue + 1L, 999_999_999_999_999];

    private Dictionary<string, string> _ids = null!;
    private int _refused;

    public async ValueTask InitializeAsync()
    {
        var wallet = await grpc.CreateWalletAsync(merchant: "fuzz");
        var other = await grpc.CreateWalletAsync(merchant: "fuzz");
        var paid = await grpc.PayInAsync(wallet, "10000.00");
        var reserved = await grpc.SucceedJsonAsync("reservePayout", $$"""{"walletId":"{{wallet}}","amountMinor":1000,"currency":"USD","provider":"wise","bankId":"citi"}""");
        _ids = new(StringComparer.Ordinal)
        {
            [CommandExamples.WalletId] = wallet,
            [CommandExamples.OtherWalletId] = other,
            [CommandExamples.HoldId] = reserved.GetProperty("data").GetProperty("holdId").GetString()!,
            [CommandExamples.TransactionId] = paid.CommandId,
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Mutated_messages_on_every_command_rpc_never_fail_inside_and_every_refusal_changes_nothing()
    {
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var cases = (
            from command in Gen.Elements(CommandRegistry.All.ToArray())
            from mutations in Gen.Choose(1, 3)
            from salt in Gen.Choose(0, int.MaxValue)
            select (Command: command, Message: Mutate(command, mutations, salt))).ToArbitrary();
        var config = Config.QuickThrowOnFailure.WithMaxTest(Runs).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));

        try
        {
            Check.One(config, Prop.ForAll(cases, fuzz =>
            {
                tried.Add(fuzz.Command.Name);
                Task.Run(() => ProbeAsync(fuzz.Command, fuzz.Message)).GetAwaiter().GetResult();
                return true;
            }));
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"The fuzz run with seed {Seed} failed; the falsifying case is below.\n{failure.Message}", failure);
        }

        // The random choice may pass a command by; each one left out still gets a mutated message of its own.
        foreach (var untried in CommandRegistry.All.Where(command => !tried.Contains(command.Name)))
        {
            await ProbeAsync(untried, Mutate(untried, 1, untried.Name.Length));
            tried.Add(untried.Name);
        }

        Assert.Equal(CommandRegistry.All.Select(command => command.Name).Order(), tried.Order());
        Assert.True(_refused > Runs / 2, $"Only {_refused} of {Runs} mutated messages were refused: the mutations barely bite.");
    }

    private async Task ProbeAsync(CommandDescriptor command, IMessage message)
    {
        var database = grpc.Api.Services.GetRequiredService<NpgsqlDataSource>();
        var before = await BooksAsync(database);
        var reply = await grpc.Client.CallAsync(WalletGrpc.PathOf(CommandGrpcMethods.Get(command)), message, WalletGrpc.Metadata(WalletGrpc.NewKey()));

        Assert.False(reply.Code is StatusCode.Internal or StatusCode.Unknown, $"{reply.Code} for {command.Name} {Shown(message)}: {reply.Message}");
        if (reply.Code == StatusCode.OK)
        {
            return;
        }

        _refused++;
        Assert.False(string.IsNullOrEmpty(reply.ErrorInfo?.Reason), $"No ErrorInfo for {command.Name} {Shown(message)}: {reply.Code} {reply.Message}");
        var after = await BooksAsync(database);
        var changed = before.Keys.Union(after.Keys).Where(table => before.GetValueOrDefault(table) != after.GetValueOrDefault(table)).ToList();
        Assert.True(changed.Count == 0, $"{reply.Code} {reply.Message} for {command.Name} {Shown(message)} changed {string.Join(", ", changed)}");
    }

    /// <summary>
    /// Every ledger and wallet-core table, except that a volume row with nothing in or out is left out: the embedded
    /// ledger creates the row of an account it never saw in order to lock it, and keeps it when the posting is then
    /// refused (no money moved, the balance is still 0). Every row that holds money is compared.
    /// </summary>
    private static async Task<Dictionary<string, string>> BooksAsync(NpgsqlDataSource database)
    {
        var books = new Dictionary<string, string>(await Books.FingerprintAsync(database), StringComparer.Ordinal);
        await using var volumes = database.CreateCommand(
            "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from ledger.volumes t where t.input <> 0 or t.output <> 0");
        books["ledger.volumes"] = (string)(await volumes.ExecuteScalarAsync())!;
        return books;
    }

    /// <summary>The command's example with the fixture's real ids as its message, <paramref name="mutations"/> of its fields given hostile values.</summary>
    private IMessage Mutate(CommandDescriptor command, int mutations, int salt)
    {
        var method = CommandGrpcMethods.Get(command);
        var message = command.ExampleRequest is { } example
            ? ProtoMapper.ToMessage(example, command.RequestType, method.InputType)
            : method.InputType.Parser.ParseFrom(ByteString.Empty);
        var fields = method.InputType.Fields.InDeclarationOrder();
        foreach (var field in fields.Where(field => field.FieldType == FieldType.String && !field.IsRepeated))
        {
            if (field.Accessor.GetValue(message) is string sample && _ids.TryGetValue(sample, out var real))
            {
                field.Accessor.SetValue(message, real);
            }
        }

        var random = new Random(salt);
        var scalars = fields.Where(field => !field.IsRepeated && !field.IsMap && field.FieldType is FieldType.String or FieldType.Int64 or FieldType.Int32 or FieldType.Bool).ToList();
        for (var index = 0; index < mutations && scalars.Count > 0; index++)
        {
            var field = scalars[random.Next(scalars.Count)];
            object value = field.FieldType switch
            {
                FieldType.String => Texts[random.Next(Texts.Length)],
                FieldType.Int64 => Numbers[random.Next(Numbers.Length)],
                FieldType.Int32 => (int)Numbers[random.Next(Numbers.Length)],
                _ => random.Next(2) == 0,
            };
            field.Accessor.SetValue(message, value);
        }

        return message;
    }

    private static string Shown(IMessage message)
    {
        var shown = message.ToString() ?? "";
        return shown.Length > 300 ? shown[..300] + "..." : shown;
    }
}
