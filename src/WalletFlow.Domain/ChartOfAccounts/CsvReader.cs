using System.Text;
using System.Text.Unicode;

namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>One CSV record and the line it starts on, so problems can be reported where a person will look.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 CSV: fields separated by ',', records by CRLF or LF, fields optionally quoted with '"' and a quote inside
/// a quoted field doubled. Blank lines are skipped. Malformed quoting is a problem with its line and column, never
/// guessed at; a problem's column is the name <c>header</c> gives the field.
/// </summary>
internal static class CsvReader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        AfterClosingQuote,
    }

    /// <summary>
    /// The text of an uploaded file, which must be UTF-8 (a UTF-8 byte-order mark is allowed and dropped): a file in
    /// another encoding is refused where its first byte that is not UTF-8 sits, because decoding it anyway would store
    /// replacement characters as names. Null, with the problem added, when it is not.
    /// </summary>
    public static string? Decode(byte[] bytes, string fileName, IReadOnlyList<string> header, List<ChartProblem> problems)
    {
        var body = bytes.AsSpan().StartsWith(Utf8Bom) ? bytes.AsSpan(Utf8Bom.Length) : bytes.AsSpan();
        if (Utf8.IsValid(body))
        {
            return Encoding.UTF8.GetString(body);
        }

        var valid = 0;
        while (Rune.DecodeFromUtf8(body[valid..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            valid += consumed;
        }

        // The valid prefix locates the byte: its last line, and the field that line had reached.
        var prefix = Encoding.UTF8.GetString(body[..valid]);
        var lineStart = prefix.LastIndexOf('\n') + 1;
        var line = prefix.Count(c => c == '\n') + 1;
        var field = prefix[lineStart..].Count(c => c == ',');
        problems.Add(new ChartProblem(
            fileName, line, ColumnName(header, field), $"byte 0x{body[valid]:X2} at offset {valid + (bytes.Length - body.Length)} is not UTF-8; save the file as UTF-8"));
        return null;
    }

    /// <summary>The records of <paramref name="text"/>; null, with the problem added, when its quoting is malformed.</summary>
    public static IReadOnlyList<CsvRecord>? Read(string text, string fileName, IReadOnlyList<string> header, List<ChartProblem> problems)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var state = State.FieldStart;
        var line = 1;
        var recordLine = 1;
        var recordHasContent = false;

        for (var i = 0; i <= text.Length; i++)
        {
            var atEnd = i == text.Length;
            var c = atEnd ? '\n' : text[i];

            if (state == State.Quoted)
            {
                if (atEnd)
                {
                    return Problem(recordLine, fields.Count, "a quoted field is never closed");
                }

                if (c != '"')
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    state = State.AfterClosingQuote;
                }

                continue;
            }

            if (c is '\r' or '\n')
            {
                if (recordHasContent)
                {
                    fields.Add(field.ToString());
                    records.Add(new CsvRecord(recordLine, [.. fields]));
                }

                fields.Clear();
                field.Clear();
                state = State.FieldStart;
                recordHasContent = false;
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                recordLine = ++line;
                continue;
            }

            recordHasContent = true;
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                state = State.FieldStart;
            }
            else if (state == State.AfterClosingQuote)
            {
                return Problem(line, fields.Count, $"unexpected '{c}' after a closing quote");
            }
            else if (c == '"')
            {
                if (state == State.Unquoted)
                {
                    return Problem(line, fields.Count, "a quote inside an unquoted field; quote the whole field and double the quote");
                }

                state = State.Quoted;
            }
            else
            {
                field.Append(c);
                state = State.Unquoted;
            }
        }

        return records;

        IReadOnlyList<CsvRecord>? Problem(int at, int fieldIndex, string reason)
        {
            problems.Add(new ChartProblem(fileName, at, ColumnName(header, fieldIndex), reason));
            return null;
        }
    }

    /// <summary>The header's name for the field at <paramref name="index"/>, or its position past the header's end.</summary>
    public static string ColumnName(IReadOnlyList<string> header, int index) => index < header.Count ? header[index] : $"field {index + 1}";
}
