using System.Buffers.Text;
using System.Text;

namespace WalletFlow.Ledger.Embedded;

/// <summary>Opaque page cursors: where the next page starts (keyset pagination, stable under concurrent writes).</summary>
internal static class Cursor
{
    public static string Encode(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    public static bool TryDecode(string? cursor, out string position)
    {
        position = "";
        if (cursor is null)
        {
            return true;
        }

        try
        {
            position = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
