namespace WalletFlow.Ledger;

/// <summary>
/// What one account (or, grouped, every account under one address prefix) received and sent of one asset, in the
/// window a <see cref="VolumesQuery"/> names; the balance is input minus output over that window.
/// </summary>
public sealed record AccountVolumes(string Account, string Asset, Volumes Volumes);
