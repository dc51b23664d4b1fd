using System.Numerics;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Treasury;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Templates;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Numscript;
using WalletFlow.Tests.Domain.Ids;

namespace WalletFlow.Tests.Grains.Commands;

/// <summary>The ledger's refusals of a command's posting, said to the caller without engine positions or account addresses.</summary>
public sealed class LedgerRefusalsTests
{
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private static readonly WalletId Source = WalletId.New(Clock);
    private static readonly WalletId Destination = WalletId.New(Clock);

    [Fact]
    public void A_wallet_short_of_funds_is_named_with_what_it_has_and_what_the_command_needs()
    {
        var engine = ShortTransfer(available: 2000, amount: 100000);
        Assert.Matches(@"^\d+:\d+: not enough funds", engine.Message);

        var said = LedgerRefusals.Explain(engine, Transfer.Descriptor, new TransferRequest(Source.ToString(), Destination.ToString(), "1000.00", "USD", null));

        Assert.Equal(ErrorCodes.InsufficientFunds, said.Code);
        Assert.Equal($"Wallet {Source} has 20.00 USD available and this transfer needs 1000.00 USD, so nothing moved. Pay money into the wallet or use a smaller amount, then retry.", said.Message);
        Assert.Equal("sourceWalletId", said.Field);
    }

    [Fact]
    public void A_posting_list_short_of_funds_is_read_the_same_way()
    {
        var bank = new BankAccount(BankId.Parse("citi").Value, WalletFlow.Domain.Money.Currency.Find("USD").Value);
        var engine = LedgerErrors.InsufficientFunds(bank.ToString(), "USD/2", 500, 1250);

        var said = LedgerRefusals.Explain(engine, TopUpGpsPool.Descriptor, new TopUpGpsPoolRequest("citi", "12.50", "USD"));

        Assert.StartsWith("Bank account citi has too little USD recorded for this GPS pool top-up (12.50 USD needed)", said.Message, StringComparison.Ordinal);
        Assert.Equal("bankId", said.Field);
        Assert.DoesNotContain("banks:", said.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCodes.CompilationFailed, "3:7: unexpected token")]
    [InlineData(ErrorCodes.Validation, "12:4: metadata 'x' of @wallets:w:available is not a valid number ('a'): bad.")]
    [InlineData(ErrorCodes.NoPostings, "The script produced no posting; the ledger does not record an empty transaction.")]
    public void An_engine_failure_keeps_its_code_but_says_it_is_WalletFlow_s_fault_without_the_engine_s_words(string code, string message)
    {
        var said = LedgerRefusals.Explain(new Error(code, message), Transfer.Descriptor, new TransferRequest("a", "b", "1", "USD", null));

        Assert.Equal(code, said.Code);
        Assert.Contains("WalletFlow's fault", said.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d+:\d+", said.Message);
    }

    [Fact]
    public void A_refusal_already_in_the_caller_s_terms_is_left_as_it_is()
    {
        var own = new Error(ErrorCodes.HoldNotOpen, "Hold hold_x was moved by another command first; it is no longer reserved.", "holdId");

        Assert.Same(own, LedgerRefusals.Explain(own, Transfer.Descriptor, new TransferRequest("a", "b", "1", "USD", null)));
    }

    /// <summary>The engine's own refusal of the bundled transfer template, as the embedded ledger would report it.</summary>
    private static Error ShortTransfer(long available, long amount)
    {
        var source = new WalletAvailableAccount(Source).ToString();
        var program = NumscriptProgram.Parse(TemplateCatalog.Find("transfer").Value.Text).Value;
        var balances = new InMemoryBalanceReader(new Dictionary<BalanceKey, BigInteger> { [new BalanceKey(source, "USD/2")] = available });
        var run = NumscriptInterpreter.Run(
            program,
            new Dictionary<string, string> { ["amount"] = $"USD/2 {amount}", ["source"] = source, ["destination"] = new WalletAvailableAccount(Destination).ToString() },
            balances);
        return run.Error!;
    }
}
