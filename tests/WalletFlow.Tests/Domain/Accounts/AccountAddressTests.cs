using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Tests.Domain.Money;

namespace WalletFlow.Tests.Domain.Accounts;

public sealed class AccountAddressTests
{
    public static TheoryData<string> AddressTexts => [.. SampleAddresses.All.Select(sample => sample.Text)];

    [Fact]
    public void Every_kind_of_address_is_built_as_the_scheme_says() =>
        Assert.All(SampleAddresses.All, sample => Assert.Equal(sample.Text, sample.Address.ToString()));

    [Fact]
    public void Every_kind_of_address_parses_back_to_the_same_classified_address() =>
        Assert.All(SampleAddresses.All, sample => Assert.Equal(sample.Address, AccountAddress.Parse(sample.Text).Value));

    [Theory]
    [MemberData(nameof(AddressTexts))]
    public void Every_address_is_valid_in_the_ledger_grammar(string text) =>
        Assert.True(LedgerAddressGrammar.IsValid(text));

    [Fact]
    public void A_parsed_address_tells_which_wallet_hold_and_currency_it_is_about()
    {
        var hold = Assert.IsType<WalletHoldAccount>(AccountAddress.Parse(SampleAddresses.All[2].Text).Value);
        var bank = Assert.IsType<BankAccount>(AccountAddress.Parse("banks:gtbank:NGN").Value);

        Assert.Equal(SampleAddresses.Wallet, hold.Wallet);
        Assert.Equal(SampleAddresses.Hold, hold.Hold);
        Assert.Equal("gtbank", bank.Bank.Value);
        Assert.Equal(Currencies.Ngn, bank.Currency);
    }

    [Theory]
    [InlineData(null, "it is empty")]
    [InlineData("", "it is empty")]
    [InlineData("wallets::available", "segment 2 is empty")]
    [InlineData("world:", "segment 2 is empty")]
    [InlineData(":world", "segment 1 is empty")]
    [InlineData("fees:pay out", "segment 2 ('pay out') has the character ' '")]
    [InlineData("banks:gtbank:NGN.", "segment 3 ('NGN.') has the character '.'")]
    [InlineData("users:123", "'users' is not a known root")]
    [InlineData("World", "'World' is not a known root")]
    [InlineData("world:main", "it has 2 segments; expected world")]
    [InlineData("banks:gtbank", "it has 2 segments; expected banks:{bankId}:{CCY}")]
    [InlineData("fx:USD:spot", "it has 3 segments; expected fx:{CCY}")]
    [InlineData("wallets:wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d", "it has 2 segments")]
    [InlineData("wallets:wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d:holds", "expected wallets:{walletId}:holds:{holdId}")]
    [InlineData("wallets:wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d:available:x", "expected wallets:{walletId}:available")]
    [InlineData("wallets:wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d:pending", "'pending' is not a wallet account")]
    [InlineData("wallets:123:available", "'123' is not a wallet id")]
    [InlineData("wallets:wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d:holds:wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d", "is not a hold id")]
    [InlineData("banks:GTBank:NGN", "'GTBank' is not a valid bank id")]
    [InlineData("banks:gtbank:FOO", "'FOO' is not a known currency")]
    [InlineData("banks:gtbank:ngn", "'ngn' is not a known currency")]
    [InlineData("pools:gps:XAU", "'XAU' is not a known currency")]
    [InlineData("pools:swift:USD", "'swift' is not a known pool")]
    [InlineData("stablecoins:tron:USD", "'USD' is not a stablecoin")]
    [InlineData("equity:capital", "'capital' is not a known equity account")]
    [InlineData("fees:Payout", "is not a valid fee kind")]
    public void An_invalid_address_is_rejected_with_the_reason(string? text, string reason)
    {
        var error = AccountAddress.Parse(text).Error;

        Assert.Equal(ErrorCodes.InvalidAddress, error?.Code);
        Assert.Contains(reason, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stablecoin_custody_account_only_holds_a_stablecoin() =>
        Assert.Throws<ArgumentException>(() => new StablecoinCustodyAccount(NetworkId.Parse("tron").Value, Currencies.Usd));

    [Fact]
    public void An_address_cannot_be_built_from_an_empty_id() =>
        Assert.Throws<ArgumentException>(() => new WalletAvailableAccount(default));
}
