using System.Numerics;

namespace WalletFlow.Application.Reporting;

/// <summary>A ledger account's balance in one asset (received minus sent), at the point in time a report reads.</summary>
public sealed record AccountBalance(string Address, string Asset, BigInteger Balance);
