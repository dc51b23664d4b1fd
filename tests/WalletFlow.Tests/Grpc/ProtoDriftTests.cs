using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Api.Grpc.Wallets;
using WalletFlow.Application.Commands;
using WalletFlow.Tests.Grpc.Contract;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// The committed commands.proto and wallet_reads.proto are exactly what the registry and the read list generate.
/// <c>WALLETFLOW_WRITE_PROTOS=1</c> makes this test write them instead (docs/grpc.md), after a registry change.
/// </summary>
public sealed class ProtoDriftTests
{
    private const string WriteVariable = "WALLETFLOW_WRITE_PROTOS";

    public static TheoryData<string> Files => [CommandProtoWriter.CommandsFile, CommandProtoWriter.ReadsFile];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_committed_proto_is_what_the_registry_generates(string file)
    {
        var generated = CommandProtoWriter.Render(CommandRegistry.All, WalletReadMethods.All)[file];
        var path = Path.Combine(RepositoryPaths.Root, "src", "WalletFlow.Api", "Protos", file);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            await File.WriteAllTextAsync(path, generated, TestContext.Current.CancellationToken);
            return;
        }

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken) : "";
        Assert.True(
            committed == generated,
            $"src/WalletFlow.Api/Protos/{file} differs from what the command registry generates (a command, request or data record changed). Regenerate it and commit the result:\n  {CommandProtoWriter.RegenerateCommand}\nthen rebuild.\n--- generated ---\n{generated}");
    }

    [Fact]
    public void Every_registry_command_has_its_method_in_the_compiled_contract()
    {
        var missing = CommandRegistry.All.Where(command => CommandGrpcMethods.Find(command) is null).Select(command => command.Name).ToList();

        Assert.True(missing.Count == 0, $"No gRPC method for {string.Join(", ", missing)}: regenerate the protos ({CommandProtoWriter.RegenerateCommand}) and rebuild.");
    }

    [Fact]
    public void Names_the_generator_cannot_map_exactly_fail_it_loudly()
    {
        var money = Assert.Throws<InvalidOperationException>(() => CommandProtoWriter.Render([Descriptor<DecimalRequest>()], []));
        Assert.Contains("DecimalRequest.amount", money.Message, StringComparison.Ordinal);
        Assert.Contains("no exact protobuf form", money.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_records_lists_optional_values_and_money_are_mapped_with_a_comment_on_every_field()
    {
        var text = CommandProtoWriter.Render([Descriptor<NestedRequest>()], [])[CommandProtoWriter.CommandsFile];

        Assert.Contains("service TestsCommands {\n", text, StringComparison.Ordinal);
        Assert.Contains("  rpc ProbeThing(ProbeThingRequest) returns (ProbeThingReceipt);\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "message ProbeThingRequest {\n  // A name for people; optional.\n  string label = 1;\n  // Whether it is on: a flag's scope may transact; a webhook endpoint receives events.\n  optional bool enabled = 2;\n" +
            "  // The page size, 1 to 100 (default 25).\n  optional int32 limit = 3;\n  // Every leg the ledger transaction posted.\n  repeated Leg postings = 4;\n}\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("  // The amount moved, strictly positive. In minor units of the currency (an integer: 1250 is 12.50 USD).\n  int64 amount_minor = 2;\n", text, StringComparison.Ordinal);
        Assert.Contains("  Leg data = 8;\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_without_a_sentence_fails_the_generator()
    {
        var undocumented = Assert.Throws<InvalidOperationException>(() => CommandProtoWriter.Render([Descriptor<UndocumentedRequest>()], []));

        Assert.Contains("FieldDocs has no sentence for colour", undocumented.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_travels_as_minor_units_and_reaches_the_record_in_its_decimal_form()
    {
        var message = new Api.Grpc.WalletCore.Contracts.PostPayinRequest { WalletId = "wal_a", BankId = "citi", AmountMinor = 1250, Currency = "JPY" };

        var record = Api.Grpc.Mapping.ProtoMapper.ToRecord(message, typeof(WalletFlow.Application.Wallets.PostPayinRequest));

        Assert.Equal("1250", ((WalletFlow.Application.Wallets.PostPayinRequest)record.Value).Amount);
        var usd = Api.Grpc.Mapping.ProtoMapper.ToRecord(new Api.Grpc.WalletCore.Contracts.PostPayinRequest { AmountMinor = 1250, Currency = "USD" }, typeof(WalletFlow.Application.Wallets.PostPayinRequest));
        Assert.Equal("12.50", ((WalletFlow.Application.Wallets.PostPayinRequest)usd.Value).Amount);
        var unknown = Api.Grpc.Mapping.ProtoMapper.ToRecord(new Api.Grpc.WalletCore.Contracts.PostPayinRequest { AmountMinor = 1250, Currency = "XYZ" }, typeof(WalletFlow.Application.Wallets.PostPayinRequest));
        Assert.Null(((WalletFlow.Application.Wallets.PostPayinRequest)unknown.Value).Amount);
    }

    [Fact]
    public void A_request_message_maps_to_its_record_with_empty_strings_as_null()
    {
        var message = new Api.Grpc.WalletCore.Contracts.TransferRequest { SourceWalletId = "wal_a", DestinationWalletId = "wal_b", AmountMinor = 150, Currency = "USD" };

        var record = Api.Grpc.Mapping.ProtoMapper.ToRecord(message, typeof(WalletFlow.Application.Wallets.TransferRequest));

        Assert.Equal(new WalletFlow.Application.Wallets.TransferRequest("wal_a", "wal_b", "1.50", "USD", null), record.Value);
    }

    [Fact]
    public void A_record_the_committed_message_lacks_a_field_of_fails_as_a_server_error()
    {
        var drifted = new DriftedData("wal_a", "surprise");

        var failure = Assert.Throws<InvalidOperationException>(() => Api.Grpc.Mapping.ProtoMapper.ToMessage(drifted, typeof(DriftedData), Api.Grpc.WalletCore.Contracts.TransferData.Descriptor));

        Assert.Contains("Regenerate the protos", failure.Message, StringComparison.Ordinal);
    }

    public sealed record DriftedData(string SourceWalletId, string Surprise);

    private static CommandDescriptor Descriptor<TRequest>()
        where TRequest : class => new CommandDescriptor<TRequest, Leg, ProbeHandler<TRequest>>
        {
            Name = "probeThing",
            Title = "Probe",
            Summary = "A command of the generator's tests.",
            Area = "Tests",
            Route = "/probe",
        };

    public sealed record DecimalRequest(decimal Amount);

    public sealed record NestedRequest(string? Label, bool? Enabled, int? Limit, IReadOnlyList<Leg> Postings);

    public sealed record UndocumentedRequest(string? Colour);

    public sealed record Leg(string Account, [property: Money("Currency")] string Amount, string Currency, string? Reason);

    public sealed class ProbeHandler<TRequest> : ICommandHandler<TRequest, Leg>
        where TRequest : class
    {
        public Task<WalletFlow.Domain.Errors.Result<CommandPlan<Leg>>> PlanAsync(TRequest request, CommandContext context, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
