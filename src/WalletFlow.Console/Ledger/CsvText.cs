using System.Text;

namespace WalletFlow.Console.Ledger;

/// <summary>RFC 4180 CSV: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
public static class CsvText
{
    public static string Row(params IEnumerable<string> fields) => string.Join(',', fields.Select(Field));

    public static string Document(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringBuilder().Append(Row(header)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(Row(row)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
