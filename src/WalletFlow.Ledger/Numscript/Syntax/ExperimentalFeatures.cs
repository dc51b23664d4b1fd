namespace WalletFlow.Ledger.Numscript.Syntax;

/// <summary>
/// The names a <c>#![feature("...")]</c> pragma may give: every flag in Formance's <c>internal/flags/flags.go</c>
/// (<c>AllFlags</c>), taken over the versions of that file, since its list grows and shrinks between releases and a
/// script written for any of them names one of these. A flag only permits its construct; the engine implements none
/// of the constructs and refuses each where a script uses it, so naming a flag is harmless on its own.
/// </summary>
internal static class ExperimentalFeatures
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "experimental-overdraft-function",
        "experimental-get-asset-function",
        "experimental-get-amount-function",
        "experimental-oneof",
        "experimental-account-interpolation",
        "experimental-mid-script-function-call",
        "experimental-asset-colors",
        "experimental-asset-scaling",
        "experimental-virtual-account",
        "experimental-min-of-function",
        "experimental-max-of-function",
        "experimental-multiply-of-function",
    };

    public static bool IsKnown(string feature) => Known.Contains(feature);
}
