using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A blockchain network stablecoins are held on (`ethereum`, `tron`, `solana`). A lowercase slug, valid as a ledger address segment.</summary>
public readonly record struct NetworkId
{
    private NetworkId(string value) => Value = value;

    public string Value { get; }

    public static Result<NetworkId> Parse(string? text) => Slug.Validate(text, "network", "network").Map(value => new NetworkId(value));

    public override string ToString() => Value ?? string.Empty;
}
