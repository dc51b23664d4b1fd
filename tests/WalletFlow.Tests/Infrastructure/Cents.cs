using System.Globalization;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>Minor units of a two-decimal currency as the API writes them ("12.05"), so tests can sum in integers.</summary>
public static class Cents
{
    public static string Format(long cents) =>
        string.Create(CultureInfo.InvariantCulture, $"{(cents < 0 ? "-" : "")}{Math.Abs(cents) / 100}.{Math.Abs(cents) % 100:D2}");
}
