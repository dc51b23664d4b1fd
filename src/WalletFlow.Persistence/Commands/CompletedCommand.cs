using System.Text.Json;
using WalletFlow.Application.Commands;

namespace WalletFlow.Persistence.Commands;

/// <summary>
/// A command that completed, at <see cref="Index"/> in its batch, with its receipt as the journal stores it (serialized
/// once for the claim and the outbox event).
/// </summary>
internal sealed record CompletedCommand(int Index, PlannedCommand Command, CommandReceipt<object> Receipt)
{
    public string ReceiptJson { get; } = JsonSerializer.Serialize(Receipt, CommandJson.Options);
}
