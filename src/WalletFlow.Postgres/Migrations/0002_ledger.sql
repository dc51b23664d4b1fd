-- The embedded double-entry ledger. Transactions and postings are the books: insert-only (a trigger refuses any
-- update of a transaction other than its metadata annotations, and any delete). Balances are never stored: the
-- volumes (what each account received and sent, per asset) are maintained in the same database transaction as the
-- postings, so reading a balance is reading one row.

create table ledger.ledgers (
    name       text primary key check (name ~ '^[a-zA-Z0-9_-]{1,63}$'),
    created_at timestamptz not null default clock_timestamp()
);

-- One sequence for every ledger: ids grow with time, a rolled-back post leaves a gap (as in Formance).
create sequence ledger.transaction_ids;

create table ledger.transactions (
    ledger          text        not null references ledger.ledgers (name),
    id              bigint      not null,
    effective_at    timestamptz not null,
    inserted_at     timestamptz not null default clock_timestamp(),
    reference       text,
    reverts_id      bigint,
    idempotency_key text,
    request_hash    bytea,
    metadata        jsonb       not null default '{}',
    -- The volumes of every account and asset the transaction touched, right after it: a replay returns them as the
    -- first answer did.
    post_commit_volumes jsonb   not null,
    primary key (ledger, id),
    unique (ledger, reference),
    unique (ledger, idempotency_key),
    -- A transaction is reverted at most once: the database, not a check in code, makes that so.
    unique (ledger, reverts_id),
    foreign key (ledger, reverts_id) references ledger.transactions (ledger, id),
    check ((idempotency_key is null) = (request_hash is null))
);

create table ledger.postings (
    ledger         text           not null,
    transaction_id bigint         not null,
    index          integer        not null,
    source         text           not null,
    destination    text           not null,
    asset          text           not null,
    amount         numeric(78, 0) not null check (amount >= 0),
    effective_at   timestamptz    not null,
    primary key (ledger, transaction_id, index),
    foreign key (ledger, transaction_id) references ledger.transactions (ledger, id)
);

-- Balances as of an effective date sum an account's postings up to that date.
create index postings_by_source on ledger.postings (ledger, source, asset, effective_at);
create index postings_by_destination on ledger.postings (ledger, destination, asset, effective_at);

-- Current volumes. An account's row is locked (in a fixed order) while a transaction that moves it commits.
-- `world`, which every pay-in touches and which may go negative, is spread over shards so that unrelated
-- transactions do not queue on one row; every other account has one row (shard 0).
create table ledger.volumes (
    ledger  text           not null,
    account text           not null,
    asset   text           not null,
    shard   smallint       not null default 0,
    input   numeric(78, 0) not null default 0 check (input >= 0),
    output  numeric(78, 0) not null default 0 check (output >= 0),
    primary key (ledger, account, asset, shard)
);

create table ledger.accounts (
    ledger      text        not null,
    address     text        not null,
    metadata    jsonb       not null default '{}',
    first_usage timestamptz not null default clock_timestamp(),
    primary key (ledger, address)
);

create function ledger.refuse_any_change() returns trigger language plpgsql as $$
begin
    raise exception 'ledger.% is insert-only: a row cannot be %d', tg_table_name, lower(tg_op) using errcode = 'WF001';
end;
$$;

create function ledger.refuse_all_but_metadata_changes() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE'
       and (new.ledger, new.id, new.effective_at, new.inserted_at, new.reference, new.reverts_id, new.idempotency_key,
            new.request_hash, new.post_commit_volumes)
           is not distinct from
           (old.ledger, old.id, old.effective_at, old.inserted_at, old.reference, old.reverts_id, old.idempotency_key,
            old.request_hash, old.post_commit_volumes) then
        return new; -- only the metadata annotations changed
    end if;
    raise exception 'ledger.transactions is insert-only: transaction % cannot be %d (only its metadata can change)', old.id, lower(tg_op)
        using errcode = 'WF001';
end;
$$;

create trigger transactions_are_insert_only before update or delete on ledger.transactions
    for each row execute function ledger.refuse_all_but_metadata_changes();
create trigger postings_are_insert_only before update or delete on ledger.postings
    for each row execute function ledger.refuse_any_change();
