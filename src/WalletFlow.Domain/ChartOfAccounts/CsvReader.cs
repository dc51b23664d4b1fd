using System.Text;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>One CSV record and the line it starts on, so problems can be reported where a person will look.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 CSV: fields separated by ',', records by CRLF or LF, fields optionally quoted with '"' and a quote inside
/// a quoted field doubled. Blank lines are skipped. Malformed quoting is an error with its line, never guessed at.
/// </summary>
internal static class CsvReader
{
    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        AfterClosingQuote,
    }

    public static Result<IReadOnlyList<CsvRecord>> Read(string text, string fileName)
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
                    return Problem(fileName, recordLine, "a quoted field is never closed");
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
                return Problem(fileName, line, $"unexpected '{c}' after a closing quote");
            }
            else if (c == '"')
            {
                if (state == State.Unquoted)
                {
                    return Problem(fileName, line, "a quote inside an unquoted field; quote the whole field and double the quote");
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
    }

    private static Error Problem(string fileName, int line, string reason) =>
        new(ErrorCodes.ChartInvalid, $"{fileName} line {line}: {reason}.");
}
