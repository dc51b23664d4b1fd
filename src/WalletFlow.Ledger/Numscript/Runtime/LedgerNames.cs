namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// The account and asset names the Formance ledger accepts (its accounts and assets packages), checked by hand
/// because a regex has no place on the run path.
/// </summary>
public static class LedgerNames
{
    public const string World = "world";

    /// <summary><c>^[a-zA-Z0-9_-]+(:[a-zA-Z0-9_-]+)*$</c></summary>
    public static bool IsValidAccount(ReadOnlySpan<char> address)
    {
        if (address.IsEmpty)
        {
            return false;
        }

        var segmentLength = 0;
        foreach (var c in address)
        {
            if (c == ':')
            {
                if (segmentLength == 0)
                {
                    return false;
                }

                segmentLength = 0;
            }
            else if (IsAccountChar(c))
            {
                segmentLength++;
            }
            else
            {
                return false;
            }
        }

        return segmentLength > 0;
    }

    public static bool IsAccountChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-';

    /// <summary><c>^[A-Z][A-Z0-9]{0,16}(_[A-Z]{1,16})?(/\d{1,6})?$</c></summary>
    public static bool IsValidAsset(ReadOnlySpan<char> asset)
    {
        var i = 0;
        if (asset.IsEmpty || !char.IsAsciiLetterUpper(asset[0]))
        {
            return false;
        }

        i++;
        while (i < asset.Length && (char.IsAsciiLetterUpper(asset[i]) || char.IsAsciiDigit(asset[i])))
        {
            i++;
        }

        if (i > 17)
        {
            return false;
        }

        if (i < asset.Length && asset[i] == '_')
        {
            var start = ++i;
            while (i < asset.Length && char.IsAsciiLetterUpper(asset[i]))
            {
                i++;
            }

            if (i == start || i - start > 16)
            {
                return false;
            }
        }

        if (i < asset.Length && asset[i] == '/')
        {
            var start = ++i;
            while (i < asset.Length && char.IsAsciiDigit(asset[i]))
            {
                i++;
            }

            if (i == start || i - start > 6)
            {
                return false;
            }
        }

        return i == asset.Length;
    }
}
