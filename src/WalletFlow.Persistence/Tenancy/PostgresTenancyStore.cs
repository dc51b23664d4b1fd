using Npgsql;
using WalletFlow.Application.Tenancy;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Persistence.Tenancy;

/// <summary>
/// Tenants, merchants, their allowlists and partner API keys in <c>core.tenants</c>, <c>core.tenant_hostnames</c>,
/// <c>core.merchants</c> and <c>core.api_keys</c>. Nothing is cached: a key is authenticated against its row as it is now.
/// </summary>
internal sealed class PostgresTenancyStore(NpgsqlDataSource dataSource) : ITenancyStore
{
    private const string TenantColumns =
        "t.id, t.code, t.name, t.status, t.created_at, array(select h.hostname from core.tenant_hostnames h where h.tenant_id = t.id order by h.hostname)";

    private const string MerchantColumns = "m.id, m.tenant_id, m.name, m.status, m.ip_allowlist::text[], m.created_at";

    private const string KeyColumns =
        "k.id, k.merchant_id, k.prefix, k.secret_hash, k.name, k.scopes, k.expires_at, k.created_by, k.created_at, k.revoked_at, k.revoked_by, k.last_used_at";

    public async Task<Result<Tenant>> InsertTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var insert = new NpgsqlCommand("insert into core.tenants (id, code, name, status, created_at) values ($1, $2, $3, $4, $5)", connection, transaction))
            {
                Add(insert, tenant.Id.ToString(), tenant.Code, tenant.Name, Status(tenant.Status), tenant.CreatedAt);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var hostnames = new NpgsqlCommand("insert into core.tenant_hostnames (hostname, tenant_id) select unnest($1::text[]), $2", connection, transaction))
            {
                Add(hostnames, tenant.Hostnames.ToArray(), tenant.Id.ToString());
                await hostnames.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return tenant;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return exception.ConstraintName == "tenant_hostnames_pkey"
                ? new Error(ErrorCodes.Conflict, "A hostname given already belongs to a tenant; a hostname resolves to one tenant only.", "hostnames")
                : new Error(ErrorCodes.Conflict, $"A tenant with code '{tenant.Code}' already exists.", "code");
        }
    }

    public async Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {TenantColumns} from core.tenants t order by t.code");
        return await ReadAllAsync(command, ReadTenant, cancellationToken);
    }

    public async Task<Tenant?> FindTenantAsync(TenantId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {TenantColumns} from core.tenants t where t.id = $1");
        Add(command, id.ToString());
        return (await ReadAllAsync(command, ReadTenant, cancellationToken)).SingleOrDefault();
    }

    public async Task<Result<Merchant>> InsertMerchantAsync(Merchant merchant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        await using var command = dataSource.CreateCommand(
            "insert into core.merchants (id, tenant_id, name, status, ip_allowlist, created_at) values ($1, $2, $3, $4, $5::text[]::cidr[], $6)");
        Add(command, merchant.Id.Value, merchant.Tenant.ToString(), merchant.Name, Status(merchant.Status), merchant.IpAllowlist.Select(range => range.ToString()).ToArray(), merchant.CreatedAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return merchant;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new Error(ErrorCodes.Conflict, $"Merchant {merchant.Id} is already registered; a merchant id belongs to one tenant.", "merchantId");
        }
    }

    public async Task<Merchant?> FindMerchantAsync(MerchantId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {MerchantColumns} from core.merchants m where m.id = $1");
        Add(command, id.Value);
        return (await ReadAllAsync(command, ReadMerchant, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Merchant>> ListMerchantsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {MerchantColumns} from core.merchants m where m.tenant_id = $1 order by m.id");
        Add(command, tenant.ToString());
        return await ReadAllAsync(command, ReadMerchant, cancellationToken);
    }

    public async Task<Tenant?> SetTenantStatusAsync(TenantId id, TenancyStatus status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"update core.tenants t set status = $2 where t.id = $1 returning {TenantColumns}");
        Add(command, id.ToString(), Status(status));
        return (await ReadAllAsync(command, ReadTenant, cancellationToken)).SingleOrDefault();
    }

    public async Task<Merchant?> SetMerchantStatusAsync(MerchantId id, TenancyStatus status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"update core.merchants m set status = $2 where m.id = $1 returning {MerchantColumns}");
        Add(command, id.Value, Status(status));
        return (await ReadAllAsync(command, ReadMerchant, cancellationToken)).SingleOrDefault();
    }

    public async Task<Merchant?> SetAllowlistAsync(MerchantId id, IReadOnlyList<IpRange> allowlist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allowlist);
        await using var command = dataSource.CreateCommand($"update core.merchants m set ip_allowlist = $2::text[]::cidr[] where m.id = $1 returning {MerchantColumns}");
        Add(command, id.Value, allowlist.Select(range => range.ToString()).ToArray());
        return (await ReadAllAsync(command, ReadMerchant, cancellationToken)).SingleOrDefault();
    }

    public async Task<Result<ApiKey>> InsertKeyAsync(ApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var command = dataSource.CreateCommand(
            """
            insert into core.api_keys (id, merchant_id, prefix, secret_hash, name, scopes, expires_at, created_by, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        Add(command, key.Id.ToString(), key.Merchant.Value, key.Prefix, key.SecretHash, key.Name, key.Scopes.ToArray(), (object?)key.ExpiresAt ?? DBNull.Value, key.CreatedBy, key.CreatedAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return key;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Two random 12-character prefixes met: vanishingly rare, and a retry draws another.
            return new Error(ErrorCodes.Conflict, "The key's random prefix clashed with another key's; create the key again.");
        }
    }

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(MerchantId merchant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {KeyColumns} from core.api_keys k where k.merchant_id = $1 order by k.id desc");
        Add(command, merchant.Value);
        return await ReadAllAsync(command, reader => ReadKey(reader, 0), cancellationToken);
    }

    public async Task<ApiKey?> RevokeKeyAsync(ApiKeyId id, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // One statement: the update takes the row's lock, so of two revocations the second sees the first's and keeps it.
        await using var command = dataSource.CreateCommand(
            $"""
            with revoked as (
                update core.api_keys set revoked_at = $2, revoked_by = $3 where id = $1 and revoked_at is null returning *
            )
            select {KeyColumns} from revoked k
            union all
            select {KeyColumns} from core.api_keys k where k.id = $1 and not exists (select 1 from revoked)
            """);
        Add(command, id.ToString(), at, revokedBy);
        return (await ReadAllAsync(command, reader => ReadKey(reader, 0), cancellationToken)).SingleOrDefault();
    }

    public async Task<PartnerKeyRecord?> FindForAuthenticationAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select {KeyColumns}, m.tenant_id, m.status, t.status, m.ip_allowlist::text[]
            from core.api_keys k join core.merchants m on m.id = k.merchant_id join core.tenants t on t.id = m.tenant_id
            where k.prefix = $1
            """);
        Add(command, prefix);
        return (await ReadAllAsync(command, reader => new PartnerKeyRecord(
            ReadKey(reader, 0),
            Parse(TenantId.Parse(reader.GetString(12))),
            ParseStatus(reader.GetString(13)),
            ParseStatus(reader.GetString(14)),
            Ranges(reader.GetFieldValue<string[]>(15))), cancellationToken)).SingleOrDefault();
    }

    public async Task TouchKeyAsync(ApiKeyId id, DateTimeOffset at, DateTimeOffset unlessUsedAfter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "update core.api_keys set last_used_at = $2 where id = $1 and (last_used_at is null or last_used_at <= $3)");
        Add(command, id.ToString(), at, unlessUsedAfter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Tenant ReadTenant(NpgsqlDataReader reader) => new(
        Parse(TenantId.Parse(reader.GetString(0))),
        reader.GetString(1),
        reader.GetString(2),
        ParseStatus(reader.GetString(3)),
        reader.GetFieldValue<string[]>(5),
        reader.GetFieldValue<DateTimeOffset>(4));

    private static Merchant ReadMerchant(NpgsqlDataReader reader) => new(
        Parse(MerchantId.Parse(reader.GetString(0))),
        Parse(TenantId.Parse(reader.GetString(1))),
        reader.GetString(2),
        ParseStatus(reader.GetString(3)),
        Ranges(reader.GetFieldValue<string[]>(4)),
        reader.GetFieldValue<DateTimeOffset>(5));

    private static ApiKey ReadKey(NpgsqlDataReader reader, int at) => new(
        Parse(ApiKeyId.Parse(reader.GetString(at))),
        Parse(MerchantId.Parse(reader.GetString(at + 1))),
        reader.GetString(at + 2),
        reader.GetFieldValue<byte[]>(at + 3),
        reader.GetString(at + 4),
        reader.GetFieldValue<string[]>(at + 5),
        reader.IsDBNull(at + 6) ? null : reader.GetFieldValue<DateTimeOffset>(at + 6),
        reader.GetString(at + 7),
        reader.GetFieldValue<DateTimeOffset>(at + 8),
        reader.IsDBNull(at + 9) ? null : reader.GetFieldValue<DateTimeOffset>(at + 9),
        reader.IsDBNull(at + 10) ? null : reader.GetString(at + 10),
        reader.IsDBNull(at + 11) ? null : reader.GetFieldValue<DateTimeOffset>(at + 11));

    /// <summary>The database's cidr column holds only what <see cref="IpRange"/> accepts, so a row that does not parse is a bug.</summary>
    private static List<IpRange> Ranges(string[] texts) => [.. texts.Select(text => Parse(IpRange.Parse(text, "ipAllowlist")))];

    private static T Parse<T>(Result<T> result) =>
        result.TryGetValue(out var value, out var error) ? value : throw new InvalidOperationException($"A tenancy row holds a value its type refuses: {error}");

    private static string Status(TenancyStatus status) => status == TenancyStatus.Active ? "active" : "suspended";

    private static TenancyStatus ParseStatus(string text) => text == "active" ? TenancyStatus.Active : TenancyStatus.Suspended;

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
