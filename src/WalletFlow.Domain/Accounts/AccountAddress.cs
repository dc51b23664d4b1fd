using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;

namespace WalletFlow.Domain.Accounts;

/// <summary>
/// A ledger account address, classified: each kind of account WalletFlow posts to is its own record, carrying the
/// ids and currency its address is made of. Constructing one is building the address (<see cref="ToString"/> is the
/// address text); <see cref="Parse"/> goes the other way and says exactly why a text is not an address.
/// </summary>
public abstract record AccountAddress
{
    private protected AccountAddress()
    {
    }

    public static Result<AccountAddress> Parse(string? address) => AccountAddressParser.Parse(address);

    /// <summary>The address text, always valid in Formance's grammar.</summary>
    public abstract override string ToString();

    private protected static T Required<T>(T value, string name)
        where T : struct =>
        EqualityComparer<T>.Default.Equals(value, default) ? throw new ArgumentException($"{name} is required.", name) : value;
}

/// <summary><c>world</c>: the outside. The only account that may go negative; see docs/domain.md.</summary>
public sealed record WorldAccount : AccountAddress
{
    public static WorldAccount Instance { get; } = new();

    private WorldAccount()
    {
    }

    public override string ToString() => "world";
}

/// <summary><c>wallets:{walletId}:available</c>: what the customer can spend.</summary>
public sealed record WalletAvailableAccount : AccountAddress
{
    public WalletAvailableAccount(WalletId wallet) => Wallet = Required(wallet, nameof(wallet));

    public WalletId Wallet { get; }

    public override string ToString() => $"wallets:{Wallet}:available";
}

/// <summary><c>wallets:{walletId}:holds:{holdId}</c>: money reserved for one payout until it settles or is released.</summary>
public sealed record WalletHoldAccount : AccountAddress
{
    public WalletHoldAccount(WalletId wallet, HoldId hold)
    {
        Wallet = Required(wallet, nameof(wallet));
        Hold = Required(hold, nameof(hold));
    }

    public WalletId Wallet { get; }

    public HoldId Hold { get; }

    public override string ToString() => $"wallets:{Wallet}:holds:{Hold}";
}

/// <summary><c>wallets:{walletId}:reserve</c>: the merchant's rolling reserve, still owed to them but not spendable.</summary>
public sealed record WalletReserveAccount : AccountAddress
{
    public WalletReserveAccount(WalletId wallet) => Wallet = Required(wallet, nameof(wallet));

    public WalletId Wallet { get; }

    public override string ToString() => $"wallets:{Wallet}:reserve";
}

/// <summary><c>banks:{bankId}:{CCY}</c>: cash WalletFlow holds at a bank, one account per currency.</summary>
public sealed record BankAccount : AccountAddress
{
    public BankAccount(BankId bank, Currency currency)
    {
        Bank = Required(bank, nameof(bank));
        Currency = currency ?? throw new ArgumentNullException(nameof(currency));
    }

    public BankId Bank { get; }

    public Currency Currency { get; }

    public override string ToString() => $"banks:{Bank}:{Currency.Code}";
}

/// <summary><c>pools:gps:{CCY}</c>: cash prefunded at the GPS payout partner, which pays cross-currency payouts from it.</summary>
public sealed record GpsPoolAccount : AccountAddress
{
    public GpsPoolAccount(Currency currency) => Currency = currency ?? throw new ArgumentNullException(nameof(currency));

    public Currency Currency { get; }

    public override string ToString() => $"pools:gps:{Currency.Code}";
}

/// <summary><c>fx:{CCY}</c>: the FX desk's position in a currency, what it can sell to customers.</summary>
public sealed record FxPositionAccount : AccountAddress
{
    public FxPositionAccount(Currency currency) => Currency = currency ?? throw new ArgumentNullException(nameof(currency));

    public Currency Currency { get; }

    public override string ToString() => $"fx:{Currency.Code}";
}

/// <summary><c>fees:{kind}</c>: fee revenue of one kind.</summary>
public sealed record FeeAccount : AccountAddress
{
    public FeeAccount(FeeKind fee) => Fee = Required(fee, nameof(fee));

    public FeeKind Fee { get; }

    public override string ToString() => $"fees:{Fee}";
}

/// <summary><c>counterparties:{id}</c>: WalletFlow's balance with an OTC counterparty, from which trades settle.</summary>
public sealed record CounterpartyAccount : AccountAddress
{
    public CounterpartyAccount(CounterpartyId counterparty) => Counterparty = Required(counterparty, nameof(counterparty));

    public CounterpartyId Counterparty { get; }

    public override string ToString() => $"counterparties:{Counterparty}";
}

/// <summary><c>stablecoins:{network}:{CCY}</c>: stablecoins WalletFlow holds in custody on one network.</summary>
public sealed record StablecoinCustodyAccount : AccountAddress
{
    public StablecoinCustodyAccount(NetworkId network, Currency currency)
    {
        Network = Required(network, nameof(network));
        ArgumentNullException.ThrowIfNull(currency);
        Currency = currency.IsStablecoin ? currency : throw new ArgumentException($"{currency} is not a stablecoin.", nameof(currency));
    }

    public NetworkId Network { get; }

    public Currency Currency { get; }

    public override string ToString() => $"stablecoins:{Network}:{Currency.Code}";
}

/// <summary><c>equity:opening_balance</c>: the counterpart of balances brought over from the legacy system.</summary>
public sealed record OpeningBalanceEquityAccount : AccountAddress
{
    public static OpeningBalanceEquityAccount Instance { get; } = new();

    private OpeningBalanceEquityAccount()
    {
    }

    public override string ToString() => "equity:opening_balance";
}

/// <summary><c>equity:treasury</c>: the counterpart of treasury wires that fund WalletFlow's own accounts.</summary>
public sealed record TreasuryEquityAccount : AccountAddress
{
    public static TreasuryEquityAccount Instance { get; } = new();

    private TreasuryEquityAccount()
    {
    }

    public override string ToString() => "equity:treasury";
}

/// <summary><c>corrections</c>: what WalletFlow absorbed by crediting customers in corrections (an expense).</summary>
public sealed record CorrectionsAccount : AccountAddress
{
    public static CorrectionsAccount Instance { get; } = new();

    private CorrectionsAccount()
    {
    }

    public override string ToString() => "corrections";
}

/// <summary><c>suspense</c>: money received that is not yet matched to a wallet; still owed, to someone.</summary>
public sealed record SuspenseAccount : AccountAddress
{
    public static SuspenseAccount Instance { get; } = new();

    private SuspenseAccount()
    {
    }

    public override string ToString() => "suspense";
}
