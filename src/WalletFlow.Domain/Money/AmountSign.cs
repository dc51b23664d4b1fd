namespace WalletFlow.Domain.Money;

/// <summary>Whether a parsed amount may be negative. Movements are non-negative; only corrections ask for signed amounts.</summary>
public enum AmountSign
{
    NonNegative,
    Signed,
}
