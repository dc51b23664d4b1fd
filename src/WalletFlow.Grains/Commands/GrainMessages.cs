using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Serialization;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Grains.Commands;

/// <summary>
/// How the messages of grain calls cross between silos: a <see cref="PlannedCommand"/> and its
/// <see cref="CommitAnswer"/> travel in the JSON form the journal already stores plans and receipts in (Orleans'
/// System.Text.Json codec, with the journal's options), so a plan has one serialized form, tested by the recovery of
/// pending commands, rather than a second one to keep in step (docs/grains.md, "Messages"). A call within one silo is
/// not serialized at all: both types are immutable.
/// </summary>
public static class GrainMessages
{
    private static readonly JsonSerializerOptions Options = new(CommandJson.Options) { Converters = { new CommandIdConverter() } };

    public static ISerializerBuilder AddWalletFlowGrainMessages(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(isSupported: type => type == typeof(PlannedCommand) || type == typeof(CommitAnswer), Options);

    private sealed class CommandIdConverter : JsonConverter<CommandId>
    {
        public override CommandId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            CommandId.Parse(reader.GetString()).TryGetValue(out var id, out var error) ? id : throw new JsonException(error.Message);

        public override void Write(Utf8JsonWriter writer, CommandId value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
