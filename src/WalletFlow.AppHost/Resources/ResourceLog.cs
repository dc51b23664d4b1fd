using Spectre.Console;

namespace WalletFlow.AppHost.Resources;

/// <summary>Every resource's log lines, interleaved on the console with the resource's name in front.</summary>
internal sealed class ResourceLog(IAnsiConsole console)
{
    private static readonly Dictionary<string, string> Colors = new() { ["apphost"] = "grey", ["postgres"] = "blue", ["api"] = "green" };
    private readonly Lock _lock = new();

    public void Write(string resource, string? line)
    {
        if (line is null)
        {
            return;
        }

        var color = Colors.GetValueOrDefault(resource, "white");
        lock (_lock)
        {
            console.MarkupLine($"[{color}]{resource,-8}[/] {Markup.Escape(line)}");
        }
    }
}
