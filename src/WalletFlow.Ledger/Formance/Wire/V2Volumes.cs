using System.Numerics;

namespace WalletFlow.Ledger.Formance.Wire;

/// <summary>One row of <c>GET /v2/{ledger}/volumes</c> (openapi/v2.yaml <c>V2VolumesWithBalance</c>).</summary>
public sealed record V2VolumesWithBalance(string Account, string Asset, BigInteger Input, BigInteger Output, BigInteger Balance);
