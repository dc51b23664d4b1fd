using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;

namespace WalletFlow.Domain.Accounts;

/// <summary>Reads an address into its <see cref="AccountAddress"/> kind, or says which part is wrong.</summary>
internal static class AccountAddressParser
{
    public static Result<AccountAddress> Parse(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return Invalid(address, "it is empty");
        }

        var segments = address.Split(LedgerAddressGrammar.Separator);
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length == 0)
            {
                return Invalid(address, $"segment {i + 1} is empty");
            }

            if (!LedgerAddressGrammar.IsValidSegment(segments[i]))
            {
                var bad = segments[i].First(c => !char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'));
                return Invalid(address, $"segment {i + 1} ('{segments[i]}') has the character '{bad}', outside letters, digits, '_' and '-'");
            }
        }

        return segments[0] switch
        {
            "world" => Exactly(address, segments, 1, "world", () => WorldAccount.Instance),
            "wallets" => Wallet(address, segments),
            "banks" => Exactly(address, segments, 3, "banks:{bankId}:{CCY}", () =>
                Id(address, BankId.Parse(segments[1])).Bind(bank =>
                    AnyCurrency(address, segments[2]).Map(AccountAddress (currency) => new BankAccount(bank, currency)))),
            "pools" => Exactly(address, segments, 3, "pools:gps:{CCY}", () =>
                segments[1] == "gps"
                    ? AnyCurrency(address, segments[2]).Map(AccountAddress (currency) => new GpsPoolAccount(currency))
                    : Invalid(address, $"'{segments[1]}' is not a known pool (only 'gps')")),
            "fx" => Exactly(address, segments, 2, "fx:{CCY}", () =>
                AnyCurrency(address, segments[1]).Map(AccountAddress (currency) => new FxPositionAccount(currency))),
            "fees" => Exactly(address, segments, 2, "fees:{kind}", () =>
                Id(address, FeeKind.Parse(segments[1])).Map(AccountAddress (fee) => new FeeAccount(fee))),
            "counterparties" => Exactly(address, segments, 2, "counterparties:{counterpartyId}", () =>
                Id(address, CounterpartyId.Parse(segments[1])).Map(AccountAddress (id) => new CounterpartyAccount(id))),
            "stablecoins" => Exactly(address, segments, 3, "stablecoins:{network}:{CCY}", () =>
                Id(address, NetworkId.Parse(segments[1])).Bind(network =>
                    Stablecoin(address, segments[2]).Map(AccountAddress (currency) => new StablecoinCustodyAccount(network, currency)))),
            "equity" => Exactly(address, segments, 2, "equity:opening_balance or equity:treasury", () => segments[1] switch
            {
                "opening_balance" => OpeningBalanceEquityAccount.Instance,
                "treasury" => TreasuryEquityAccount.Instance,
                _ => Invalid(address, $"'{segments[1]}' is not a known equity account (opening_balance, treasury)"),
            }),
            "corrections" => Exactly(address, segments, 1, "corrections", () => CorrectionsAccount.Instance),
            "suspense" => Exactly(address, segments, 1, "suspense", () => SuspenseAccount.Instance),
            _ => Invalid(address, $"'{segments[0]}' is not a known root (world, wallets, banks, pools, fx, fees, counterparties, stablecoins, equity, corrections, suspense)"),
        };
    }

    private static Result<AccountAddress> Wallet(string address, string[] segments)
    {
        if (segments.Length is not (3 or 4))
        {
            return WrongCount(address, "wallets:{walletId}:available, wallets:{walletId}:reserve or wallets:{walletId}:holds:{holdId}");
        }

        var parsed = Id(address, WalletId.Parse(segments[1]));
        if (!parsed.TryGetValue(out var wallet, out var error))
        {
            return error;
        }

        return (segments.Length, segments[2]) switch
        {
            (3, "available") => new WalletAvailableAccount(wallet),
            (3, "reserve") => new WalletReserveAccount(wallet),
            (4, "holds") => Id(address, HoldId.Parse(segments[3])).Map(AccountAddress (hold) => new WalletHoldAccount(wallet, hold)),
            (3, "holds") => WrongCount(address, "wallets:{walletId}:holds:{holdId}"),
            (4, "available" or "reserve") => WrongCount(address, $"wallets:{{walletId}}:{segments[2]}"),
            _ => Invalid(address, $"'{segments[2]}' is not a wallet account (available, reserve, holds)"),
        };
    }

    private static Result<AccountAddress> Exactly(string address, string[] segments, int count, string shape, Func<Result<AccountAddress>> parse) =>
        segments.Length == count ? parse() : WrongCount(address, shape);

    private static Result<T> Id<T>(string address, Result<T> parsed) =>
        parsed.IsSuccess ? parsed : Invalid(address, parsed.Error.Message.TrimEnd('.'));

    private static Result<Currency> AnyCurrency(string address, string code)
    {
        var found = Currency.Find(code);
        return found.IsSuccess ? found : Invalid(address, $"'{code}' is not a known currency");
    }

    private static Result<Currency> Stablecoin(string address, string code) =>
        AnyCurrency(address, code).Bind(currency => currency.IsStablecoin
            ? Result<Currency>.Success(currency)
            : Invalid(address, $"'{code}' is not a stablecoin (USDC, USDT)"));

    private static Error WrongCount(string address, string shape) =>
        Invalid(address, $"it has {address.Split(LedgerAddressGrammar.Separator).Length} segments; expected {shape}");

    private static Error Invalid(string? address, string reason) =>
        new(ErrorCodes.InvalidAddress, $"'{address}' is not a WalletFlow account address: {reason}.", "address");
}
