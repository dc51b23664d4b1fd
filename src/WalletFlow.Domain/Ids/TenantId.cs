using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A tenant's id: `ten_` plus a time-ordered Guid. Its human name is its code; the id is what routes and rows use.</summary>
public readonly record struct TenantId
{
    private const string Prefix = "ten_";

    private TenantId(Guid value) => Value = value;

    public Guid Value { get; }

    public static TenantId New(TimeProvider time) => new(TimeOrderedId.New(time));

    public static Result<TenantId> Parse(string? text) =>
        TimeOrderedId.Parse(text, Prefix, "tenant id", "tenantId").Map(value => new TenantId(value));

    public override string ToString() => TimeOrderedId.Format(Prefix, Value);
}
