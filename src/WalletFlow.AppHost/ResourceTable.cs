using Spectre.Console;
using WalletFlow.AppHost.Resources;

namespace WalletFlow.AppHost;

internal static class ResourceTable
{
    public static void Print(IAnsiConsole console, IEnumerable<ResourceStatus> resources)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("WalletFlow resources");
        table.AddColumns("Resource", "State", "Address", "PID", "Details");
        foreach (var resource in resources)
        {
            table.AddRow(
                Markup.Escape(resource.Name),
                $"[green]{Markup.Escape(resource.State)}[/]",
                Markup.Escape(resource.Address),
                resource.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(resource.Details));
        }

        console.Write(table);
    }
}
