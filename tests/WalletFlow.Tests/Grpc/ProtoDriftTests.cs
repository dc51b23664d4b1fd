using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Api.Grpc.Wallets;
using WalletFlow.Grains.Commands;
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
    public void Nested_records_lists_and_optional_values_are_mapped()
    {
        var text = CommandProtoWriter.Render([Descriptor<NestedRequest>()], [])[CommandProtoWriter.CommandsFile];

        Assert.Contains("service TestsCommands {\n", text, StringComparison.Ordinal);
        Assert.Contains("  rpc ProbeThing(ProbeThingRequest) returns (ProbeThingReceipt);\n", text, StringComparison.Ordinal);
        Assert.Contains("message ProbeThingRequest {\n  string name = 1;\n  optional bool urgent = 2;\n  optional int32 count = 3;\n  repeated Leg legs = 4;\n  map<string, string> tags = 5;\n}\n", text, StringComparison.Ordinal);
        Assert.Contains("message Leg {\n  string account = 1;\n  int64 minor = 2;\n  optional string memo = 3;\n}\n", text, StringComparison.Ordinal);
        Assert.Contains("  Leg data = 8;\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_message_maps_to_its_record_with_empty_strings_as_null()
    {
        var message = new Api.Grpc.WalletCore.Contracts.TransferRequest { SourceWalletId = "wal_a", DestinationWalletId = "wal_b", Amount = "1.50", Currency = "USD" };

        var record = ProtoJson.ToRecord(message, typeof(WalletFlow.Grains.Wallets.TransferRequest));

        Assert.Equal(new WalletFlow.Grains.Wallets.TransferRequest("wal_a", "wal_b", "1.50", "USD", null), record.Value);
    }

    [Fact]
    public void A_record_the_committed_message_lacks_a_field_of_fails_as_a_server_error()
    {
        var drifted = new DriftedData("wal_a", "surprise");

        var failure = Assert.Throws<InvalidOperationException>(() => ProtoJson.ToMessage(drifted, typeof(DriftedData), Api.Grpc.WalletCore.Contracts.TransferData.Descriptor));

        Assert.Contains("regenerate the protos", failure.Message, StringComparison.Ordinal);
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

    public sealed record NestedRequest(string? Name, bool? Urgent, int? Count, IReadOnlyList<Leg> Legs, IReadOnlyDictionary<string, string> Tags);

    public sealed record Leg(string Account, long Minor, string? Memo);

    public sealed class ProbeHandler<TRequest> : ICommandHandler<TRequest, Leg>
        where TRequest : class
    {
        public Task<WalletFlow.Domain.Errors.Result<CommandPlan<Leg>>> PlanAsync(TRequest request, CommandContext context, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
