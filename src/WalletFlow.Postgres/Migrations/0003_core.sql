-- The wallet core around the ledger. There is no balance column anywhere: balances are the ledger's volumes.

create table core.wallets (
    id          text        primary key check (id ~ '^wal_[0-9a-f]{32}$'),
    merchant_id text        not null,
    currency    text        not null,
    label       text,
    status      text        not null default 'active' check (status in ('active', 'closed')),
    created_at  timestamptz not null
);

create index wallets_by_merchant on core.wallets (merchant_id, id);

-- A payout's hold: the money set aside in wallets:{wallet}:holds:{id}. Its status moves only forward:
-- reserved -> submitted -> settled | released, with manual_review for payouts whose outcome is unknown.
create table core.holds (
    id          text        primary key check (id ~ '^hold_[0-9a-f]{32}$'),
    wallet_id   text        not null references core.wallets (id),
    currency    text        not null,
    amount      bigint      not null check (amount > 0),
    provider    text        not null,
    bank_id     text        not null,
    beneficiary text,
    status      text        not null check (status in ('reserved', 'submitted', 'settled', 'released', 'manual_review')),
    reason      text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create index holds_by_wallet on core.holds (wallet_id, id);
create index holds_by_status on core.holds (status, id);

-- Commands are the permanent idempotency claims: one row per (scope, key), never expired. A row exists only for a
-- command that completed (or, with an external ledger, is pending until the recovery worker ends it): a rejected
-- command changes nothing, its key included, so it can be retried once the reason is fixed.
create table core.commands (
    id                    text        primary key check (id ~ '^wtx_[0-9a-f]{32}$'),
    scope                 text        not null,
    idempotency_key       text        not null check (length(idempotency_key) between 1 and 255),
    command               text        not null,
    request_hash          bytea       not null,
    status                text        not null check (status in ('pending', 'completed')),
    -- What is needed to finish a pending command after a crash; null once completed.
    plan                  jsonb,
    -- Until when the process that claimed a pending command (or the recovery worker that took it over) owns it.
    lease_until           timestamptz,
    receipt               jsonb,
    ledger_transaction_id bigint,
    reverses_command_id   text        references core.commands (id),
    created_at            timestamptz not null,
    completed_at          timestamptz,
    unique (scope, idempotency_key),
    -- A command is reversed at most once: the database says so, not a check in code.
    unique (reverses_command_id),
    check ((status = 'completed') = (receipt is not null))
);

create index commands_pending on core.commands (created_at) where status = 'pending';
create index commands_by_ledger_transaction on core.commands (ledger_transaction_id) where ledger_transaction_id is not null;

create table core.fx_quotes (
    id                   text        primary key check (id ~ '^fxq_[0-9a-f]{32}$'),
    sell_wallet_id       text        not null references core.wallets (id),
    buy_wallet_id        text        not null references core.wallets (id),
    sell_amount          bigint      not null check (sell_amount > 0),
    buy_amount           bigint      not null check (buy_amount > 0),
    rate                 numeric     not null check (rate > 0),
    expires_at           timestamptz not null,
    created_at           timestamptz not null,
    -- The deal that booked it: a quote is booked at most once.
    booked_by_command_id text        unique references core.commands (id)
);

-- core_wallet_enabled and its kin, per scope. A scope with no row follows the flag mode (fail_open or fail_closed).
create table core.feature_flags (
    flag        text        not null check (flag ~ '^[a-z][a-z0-9_]{0,62}$'),
    scope_type  text        not null check (scope_type in ('global', 'merchant', 'currency', 'provider')),
    scope_value text        not null,
    enabled     boolean     not null,
    reason      text,
    updated_at  timestamptz not null,
    primary key (flag, scope_type, scope_value)
);

-- The transactional outbox: written in the same database transaction as the command; a relay publishes the rows.
create table core.outbox (
    id           bigint      generated always as identity primary key,
    command_id   text        not null references core.commands (id),
    event_type   text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null,
    published_at timestamptz
);

create index outbox_unpublished on core.outbox (id) where published_at is null;
