using System.Text.RegularExpressions;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Tenancy;

/// <summary><see cref="Hostnames"/> is comma-separated (<c>pay.acme.example,acme.example</c>); left out, none.</summary>
public sealed record CreateTenantRequest(string? Code, string? Name, [property: OptionalField] string? Hostnames);

/// <summary>Registers a tenant (admins only). Its code and each hostname are unique: a clash is <c>CONFLICT</c> and creates nothing.</summary>
public sealed partial class CreateTenant(ITenancyStore store, TimeProvider time)
{
    public const int MaxNameLength = 200;

    public async Task<Result<TenantData>> HandleAsync(CreateTenantRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestText.Check(request, typeof(CreateTenantRequest)) is { } badText)
        {
            return badText;
        }

        var fields = new RequestValidator();
        var code = fields.Read(TenantCode.Parse(request.Code), "code");
        var name = Name(fields, request.Name);
        var hostnames = (request.Hostnames ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(hostname => hostname.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var hostname in hostnames)
        {
            fields.Check(hostname.Length <= 253 && HostnameShape().IsMatch(hostname), "hostnames", $"'{hostname}' is not a hostname: use letters, digits and '-' in dot-separated labels.");
        }

        if (fields.Failed(out var error))
        {
            return error;
        }

        var tenant = new Tenant(TenantId.New(time), code.Value, name, TenancyStatus.Active, hostnames, StoredTime.Of(time.GetUtcNow()));
        return (await store.InsertTenantAsync(tenant, cancellationToken)).Map(TenantData.From);
    }

    /// <summary>A tenant's, merchant's or key's name: a person's words, required, at most <see cref="MaxNameLength"/> characters.</summary>
    internal static string Name(RequestValidator fields, string? text)
    {
        var name = fields.Required(text, "name");
        fields.Check(name.Length <= MaxNameLength, "name", $"The name may have at most {MaxNameLength} characters.");
        return name;
    }

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostnameShape();
}
