using WalletFlow.Application.Commands;

namespace WalletFlow.Application.Outbox;

/// <summary>The events the outbox carries: one per completed command, named after it (<c>transfer.completed</c>).</summary>
public static class OutboxEvents
{
    public static string Completed(string command) => $"{command}.completed";

    /// <summary>Every event type, in registry order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. CommandRegistry.All.Select(command => Completed(command.Name))];
}
