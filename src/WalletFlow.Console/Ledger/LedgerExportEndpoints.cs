using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using WalletFlow.Access;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Ledger;

namespace WalletFlow.Console.Ledger;

/// <summary>CSV downloads from the Ledger page: the accounts (with the page's address filter) and the chart of accounts.</summary>
internal static class LedgerExportEndpoints
{
    private const int ExportPageSize = 500;

    public static void MapLedgerExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(OpsPaths.AccountsCsv, ExportAccountsAsync).RequireAuthorization(AccessPolicies.ConsoleOperator);
        endpoints.MapGet(OpsPaths.ChartCsv, ExportChart).RequireAuthorization(AccessPolicies.ConsoleOperator);
    }

    private static async Task<IResult> ExportAccountsAsync(ILedger ledger, string? address, CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        string? cursor = null;
        do
        {
            var page = await ledger.ListAccountsAsync(ConsoleLedger.Name, new AccountQuery { Address = NullIfBlank(address), PageSize = ExportPageSize, Cursor = cursor }, cancellationToken);
            if (!page.TryGetValue(out var accounts, out var error))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: error.Message);
            }

            foreach (var account in accounts.Items)
            {
                rows.AddRange(AccountRows(account));
            }

            cursor = accounts.HasMore ? accounts.Next : null;
        }
        while (cursor is not null);

        return Csv(CsvText.Document(["address", "asset", "input", "output", "balance", "metadata"], rows), "accounts.csv");
    }

    private static IEnumerable<string[]> AccountRows(AccountView account)
    {
        var metadata = string.Join(';', account.Metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
        if (account.Volumes.Count == 0)
        {
            return [[account.Address, "", "", "", "", metadata]];
        }

        return account.Volumes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new[]
        {
            account.Address, pair.Key, Integer(pair.Value.Input), Integer(pair.Value.Output), Integer(pair.Value.Balance), metadata,
        });
    }

    private static IResult ExportChart()
    {
        var chart = AccountChart.Bundled;
        var rows = chart.Accounts.Select(account => new[]
        {
            account.Code,
            account.Name,
            account.Class.ToString(),
            account.NormalBalance.ToString(),
            string.Join(' ', chart.Mappings.Where(mapping => mapping.Account.Code == account.Code).Select(mapping => mapping.Pattern.Text)),
            account.Description,
        });
        return Csv(CsvText.Document(["code", "name", "class", "normal_balance", "address_patterns", "description"], rows), "chart-of-accounts.csv");
    }

    private static IResult Csv(string text, string fileName) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", fileName);

    private static string Integer(System.Numerics.BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
