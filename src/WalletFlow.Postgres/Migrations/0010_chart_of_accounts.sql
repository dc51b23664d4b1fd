-- The loaded chart of accounts and Numscript templates: the copies an admin stored (rebuild-coa, rebuild-templates, a
-- chart upload), compared with the ones bundled with the code by the drift check. Commands post with the bundled
-- copies; these rows are what finance has loaded. A fresh database has none until an admin rebuilds (docs/decisions.md).
-- The constraints hold the rules the loader checks that one row can be held to; overlapping patterns, which take two
-- rows to see, are refused by the loader before anything is written.

create table core.chart_gl_accounts (
    gl_code        text primary key check (gl_code ~ '^[0-9]+$'),
    position       integer not null unique check (position >= 0),
    name           text    not null check (name <> ''),
    class          text    not null check (class in ('asset', 'liability', 'equity', 'revenue', 'expense')),
    normal_balance text    not null check (normal_balance in ('debit', 'credit')),
    description    text    not null,
    -- Assets and expenses are debit-normal, the rest credit-normal (AccountClasses.NormalBalanceOf).
    check ((class in ('asset', 'expense')) = (normal_balance = 'debit'))
);

-- Every ledger address matching pattern belongs to gl_code; position keeps the file's order.
create table core.chart_address_mappings (
    pattern  text    primary key check (pattern ~ '^(\*|[A-Za-z0-9_-]+)(:(\*|[A-Za-z0-9_-]+))*$'),
    position integer not null unique check (position >= 0),
    gl_code  text    not null references core.chart_gl_accounts (gl_code)
);

create table core.chart_event_mappings (
    event_type  text    primary key check (event_type ~ '^[a-z_]+$'),
    position    integer not null unique check (position >= 0),
    description text    not null
);

-- The GL lines an event type debits and credits, in the file's order; every event has at least one of each (checked
-- by the loader, which refuses an event without one before these rows are written).
create table core.chart_event_lines (
    event_type text    not null references core.chart_event_mappings (event_type) on delete cascade,
    side       text    not null check (side in ('debit', 'credit')),
    position   integer not null check (position >= 0),
    gl_code    text    not null references core.chart_gl_accounts (gl_code),
    primary key (event_type, side, position),
    unique (event_type, side, gl_code)
);

-- A stored template's digest is the SHA-256 of its text, so a text edited in place without its digest is refused.
create table core.numscript_templates (
    name   text primary key check (name ~ '^[a-z][a-z0-9_]*$'),
    text   text not null check (text <> ''),
    digest text not null,
    check (digest = encode(sha256(convert_to(text, 'UTF8')), 'hex'))
);

-- One row per ingest or rebuild, changed or not: who ran it (the caller's name: an email or the token's name), when,
-- what is stored after it (counts) and the digests before (null: nothing was stored) and after. Append-only.
create table core.catalog_changes (
    id               bigint generated always as identity primary key,
    action           text        not null check (action in ('ingest-chart', 'rebuild-coa', 'rebuild-templates')),
    actor            text        not null check (actor <> ''),
    at               timestamptz not null,
    changed          boolean     not null,
    gl_accounts      integer     check (gl_accounts >= 0),
    address_mappings integer     check (address_mappings >= 0),
    event_mappings   integer     check (event_mappings >= 0),
    templates        integer     check (templates >= 0),
    digest_before    text        check (digest_before ~ '^[0-9a-f]{64}$'),
    digest_after     text        not null check (digest_after ~ '^[0-9a-f]{64}$'),
    -- A chart action counts the chart, a template action the templates; a change is a change of digest.
    check ((action = 'rebuild-templates') = (templates is not null)),
    check ((action = 'rebuild-templates') = (gl_accounts is null and address_mappings is null and event_mappings is null)),
    check (changed = (digest_before is distinct from digest_after))
);

create function core.catalog_changes_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'core.catalog_changes is append-only: % refused', tg_op;
end;
$$;

create trigger catalog_changes_append_only before update or delete or truncate on core.catalog_changes
    for each statement execute function core.catalog_changes_append_only();
