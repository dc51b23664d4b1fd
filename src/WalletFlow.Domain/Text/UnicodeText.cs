using System.Buffers;
using System.Text;

namespace WalletFlow.Domain.Text;

/// <summary>Facts about .NET strings that storage and the wire care about.</summary>
public static class UnicodeText
{
    /// <summary>
    /// Whether every surrogate is half of a pair. A .NET string can hold a lone surrogate (a JSON escape "\ud800"
    /// decodes to one); such text has no UTF-8 form, so it can be neither stored in Postgres nor sent on.
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }
}
