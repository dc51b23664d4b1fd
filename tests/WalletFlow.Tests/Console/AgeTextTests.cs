using WalletFlow.Console.Components.Shared;

namespace WalletFlow.Tests.Console;

public sealed class AgeTextTests
{
    [Theory]
    [InlineData(0.4, "under 1 s")]
    [InlineData(42, "42 s")]
    [InlineData(125, "2 min 5 s")]
    [InlineData(3 * 3600 + 5 * 60 + 9, "3 h 5 min")]
    [InlineData(2 * 86400 + 4 * 3600, "2 d 4 h")]
    public void An_age_is_written_in_its_two_largest_units(double seconds, string expected) =>
        Assert.Equal(expected, Age.Text(TimeSpan.FromSeconds(seconds)));
}
