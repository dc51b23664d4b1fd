using WalletFlow.Application.Tenancy;

namespace WalletFlow.Tests.Application.Tenancy;

public sealed class ApiKeyTokenTests
{
    [Fact]
    public void A_new_token_reads_back_as_its_prefix_and_secret_and_matches_only_its_own_hash()
    {
        var token = ApiKeyToken.New();
        var other = ApiKeyToken.New();

        var parsed = ApiKeyToken.Parse(token.Text);

        Assert.Matches("^wf_live_[a-z0-9]{12}_[a-z0-9]{43}$", token.Text);
        Assert.Equal((token.Prefix, token.Secret), (parsed!.Prefix, parsed.Secret));
        Assert.True(parsed.Matches(token.SecretHash()));
        Assert.False(parsed.Matches(other.SecretHash()));
        Assert.Equal(32, token.SecretHash().Length);
        Assert.DoesNotContain(token.Secret, token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wf_live_short")]
    [InlineData("wf_test_abcdefghijkl_abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq")]
    [InlineData("wf_live_ABCDEFGHIJKL_abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq")]
    [InlineData("wf_live_abcdefghijkl-abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq")]
    [InlineData("wf_live_abcdefghijkl_abcdefghijklmnopqrstuvwxyzabcdefghijklmnop!")]
    public void Text_not_in_the_key_s_shape_is_no_key(string text) => Assert.Null(ApiKeyToken.Parse(text));
}
