-- The statement read model: what each wallet's statement shows, written by the outbox relay's projector from the ledger
-- transaction each event names, and rebuilt from the ledger on demand. The ledger stays the truth; these rows are a
-- copy kept for reading, checked against it by the invariants and reconciliation gate 3.

-- One line per wallet per ledger transaction that moved its money. The balances after the line are running sums of
-- the changes in ledger order: a line projected after a later one shifts the later lines' balances by its change.
create table core.statement_lines (
    wallet_id             text        not null references core.wallets (id),
    ledger_transaction_id bigint      not null,
    command_id            text,
    command               text,
    event_type            text,
    effective_at          timestamptz not null,
    currency              text        not null,
    available_change      bigint      not null,
    held_change           bigint      not null,
    reserved_change       bigint      not null,
    available_after       bigint      not null,
    held_after            bigint      not null,
    reserved_after        bigint      not null,
    reverted              boolean     not null default false,
    -- A reversal's lines name the transaction they revert: a line of that transaction projected after them is marked
    -- reverted at once, whichever of the two a relay publishes first.
    reverts_transaction_id bigint,
    postings              jsonb       not null,
    primary key (wallet_id, ledger_transaction_id)
);

create index statement_lines_by_transaction on core.statement_lines (ledger_transaction_id);

-- A wallet's statement so far: its totals and the latest ledger transaction in it. The projector and the rebuild lock
-- this row (for update, in wallet order) before they touch the wallet's lines, so they never interleave on a wallet.
create table core.statement_heads (
    wallet_id                    text   primary key references core.wallets (id),
    last_ledger_transaction_id   bigint not null default 0,
    available                    bigint not null default 0,
    held                         bigint not null default 0,
    reserved                     bigint not null default 0,
    lines                        bigint not null default 0 check (lines >= 0)
);

-- A rebuild of the read model from the ledger (the command rebuildStatements; its id is the command's), wallet by
-- wallet in id order. last_wallet_id is how far it got, so a rebuild whose process died is resumed where it stopped;
-- lease_until keeps a second process off a rebuild that one is running, and lease_token (bumped by every lease) fences
-- out a process that outlived its lease: its progress no longer matches the token and is refused.
create table core.statement_rebuilds (
    id             text        primary key references core.commands (id),
    status         text        not null default 'running' check (status in ('running', 'done')),
    wallets_total  integer     not null check (wallets_total >= 0),
    wallets_done   integer     not null default 0 check (wallets_done >= 0),
    lines          bigint      not null default 0 check (lines >= 0),
    last_wallet_id text,
    lease_until    timestamptz,
    lease_token    bigint      not null default 0,
    requested_at   timestamptz not null,
    finished_at    timestamptz,
    check ((status = 'done') = (finished_at is not null))
);

-- One rebuild at a time: a second request while one runs is refused.
create unique index statement_rebuilds_one_running on core.statement_rebuilds ((true)) where status = 'running';
