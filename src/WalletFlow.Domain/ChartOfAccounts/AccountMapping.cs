namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>Every ledger address that matches <see cref="Pattern"/> belongs to <see cref="Account"/>.</summary>
public sealed record AccountMapping(AddressPattern Pattern, GlAccount Account);
