-- Tenancy, first slice (issue 20): tenants, the merchants registered in them, their IP allowlists and the partner API
-- keys that act for them. Wallets keep their merchant_id text and no foreign key: a wallet whose merchant is not
-- registered belongs to no tenant and is reachable by operators only (docs/decisions.md, "Tenancy").

create table core.tenants (
    id         text        primary key check (id ~ '^ten_[0-9a-f]{32}$'),
    code       text        not null unique check (length(code) <= 64 and code ~ '^[a-z0-9]+([-_][a-z0-9]+)*$'),
    name       text        not null check (length(name) between 1 and 200),
    status     text        not null default 'active' check (status in ('active', 'suspended')),
    created_at timestamptz not null
);

-- A hostname resolves to one tenant at most: the table's key says so, not a check in code.
create table core.tenant_hostnames (
    hostname  text primary key check (length(hostname) <= 253 and hostname = lower(hostname)
                                      and hostname ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$'),
    tenant_id text not null references core.tenants (id)
);

create index tenant_hostnames_by_tenant on core.tenant_hostnames (tenant_id);

-- The merchant's id is the merchant_id its wallets carry (a slug), unique across tenants because wallets name no tenant.
-- An empty allowlist admits no partner call (deny by default).
create table core.merchants (
    id           text        primary key check (length(id) <= 64 and id ~ '^[a-z0-9]+([-_][a-z0-9]+)*$'),
    tenant_id    text        not null references core.tenants (id),
    name         text        not null check (length(name) between 1 and 200),
    status       text        not null default 'active' check (status in ('active', 'suspended')),
    ip_allowlist cidr[]      not null default '{}' check (array_position(ip_allowlist, null) is null and cardinality(ip_allowlist) <= 100),
    created_at   timestamptz not null
);

create index merchants_by_tenant on core.merchants (tenant_id, id);

-- A partner API key: the caller sends wf_live_<prefix>_<secret>; only the secret's SHA-256 is kept. The prefix finds the
-- row, the hash proves the secret. Scopes are the operations it may call (registry commands and partner reads).
create table core.api_keys (
    id           text        primary key check (id ~ '^key_[0-9a-f]{32}$'),
    merchant_id  text        not null references core.merchants (id),
    prefix       text        not null unique check (prefix ~ '^[a-z0-9]{12}$'),
    secret_hash  bytea       not null check (length(secret_hash) = 32),
    name         text        not null check (length(name) between 1 and 200),
    scopes       text[]      not null check (cardinality(scopes) between 1 and 64 and array_position(scopes, null) is null),
    expires_at   timestamptz,
    created_by   text        not null check (length(created_by) between 1 and 320),
    created_at   timestamptz not null,
    revoked_at   timestamptz,
    revoked_by   text        check (length(revoked_by) between 1 and 320),
    last_used_at timestamptz,
    check ((revoked_at is null) = (revoked_by is null)),
    check (expires_at is null or expires_at > created_at)
);

create index api_keys_by_merchant on core.api_keys (merchant_id, id);

-- A key's identity, secret, scopes and expiry never change, and a revocation is final: only last_used_at moves, and
-- revoked_at/revoked_by once, from null.
create function core.api_keys_guard() returns trigger language plpgsql as $$
begin
    if new.id <> old.id or new.merchant_id <> old.merchant_id or new.prefix <> old.prefix or new.secret_hash <> old.secret_hash
       or new.name <> old.name or new.scopes <> old.scopes or new.expires_at is distinct from old.expires_at
       or new.created_by <> old.created_by or new.created_at <> old.created_at then
        raise exception 'an API key is immutable but for its revocation and last use' using errcode = 'check_violation';
    end if;
    if old.revoked_at is not null and (new.revoked_at is distinct from old.revoked_at or new.revoked_by is distinct from old.revoked_by) then
        raise exception 'an API key''s revocation is final' using errcode = 'check_violation';
    end if;
    return new;
end;
$$;

create trigger api_keys_guard before update on core.api_keys for each row execute function core.api_keys_guard();

create function core.api_keys_no_delete() returns trigger language plpgsql as $$
begin
    raise exception 'API keys are revoked, never deleted' using errcode = 'check_violation';
end;
$$;

create trigger api_keys_no_delete before delete on core.api_keys for each row execute function core.api_keys_no_delete();
