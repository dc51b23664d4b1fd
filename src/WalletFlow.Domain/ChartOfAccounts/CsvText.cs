using System.Security.Cryptography;
using System.Text;

namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>RFC 4180 CSV as WalletFlow writes it (CRLF, a field with a comma, quote or line break quoted, its quotes doubled); <see cref="CsvReader"/> reads it back.</summary>
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

    /// <summary>SHA-256 of the UTF-8 text, lowercase hex: the digests the catalog audit records.</summary>
    public static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
