using System.Text.Json;
using System.Text.Json.Serialization;

namespace WalletFlow.Application.Commands;

/// <summary>
/// The JSON conventions of commands, receipts and stored plans: camelCase, enums as strings, no nulls dropped. Stored
/// data is read back as its command's data record, so a receipt is the same object whether just completed or replayed.
/// </summary>
public static class CommandJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>A command's data as stored (in a receipt or a pending plan) read back as the command's data record.</summary>
    public static object ReadData(string command, JsonElement data) =>
        data.Deserialize(CommandRegistry.Find(command)?.DataType ?? throw new InvalidOperationException($"No registered command is named {command}."), Options)
        ?? throw new InvalidOperationException($"The stored data of a {command} command is null.");

    /// <summary>A stored receipt, its data read as the command's data record.</summary>
    public static CommandReceipt<object> ReadReceipt(string json)
    {
        var stored = JsonSerializer.Deserialize<CommandReceipt<JsonElement>>(json, Options) ?? throw new InvalidOperationException("A stored receipt is null.");
        return new(
            stored.CommandId, stored.Command, stored.IdempotencyKey, stored.Status, stored.LedgerTransactionId, stored.Postings, stored.Balances,
            ReadData(stored.Command, stored.Data), stored.CompletedAt);
    }
}
