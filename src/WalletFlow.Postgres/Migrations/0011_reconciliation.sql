-- Reconciliation: the runs of the four gates, the schedule's slots, and the alerts a red gate raises.

-- A run keeps each gate's verdict, figures and first mismatches as one document: it is written once and read whole.
create table core.reconciliation_runs (
    id           text        primary key check (id ~ '^rcn_[0-9a-f]{32}$'),
    trigger      text        not null check (trigger in ('operator', 'schedule')),
    requested_by text        not null check (length(requested_by) between 1 and 320),
    started_at   timestamptz not null,
    finished_at  timestamptz not null check (finished_at >= started_at),
    passed       boolean     not null,
    gates        jsonb       not null check (jsonb_typeof(gates) = 'array' and jsonb_array_length(gates) = 4)
);

create index reconciliation_runs_newest on core.reconciliation_runs (started_at desc, id desc);

-- Every replica runs the schedule; the first to insert a slot runs it, so each slot is run once between them.
create table core.reconciliation_slots (
    slot       timestamptz primary key,
    claimed_at timestamptz not null default clock_timestamp()
);

-- Alerts for operators. Red gates raise them now; the alerts work adds its own sources, acknowledging and muting.
-- A source keeps at most one open alert per key: a gate that stays red updates its alert rather than raising more.
create table core.alerts (
    id          bigint      generated always as identity primary key,
    source      text        not null,
    key         text        not null,
    severity    text        not null check (severity in ('info', 'warning', 'critical')),
    message     text        not null,
    raised_at   timestamptz not null,
    updated_at  timestamptz not null check (updated_at >= raised_at),
    resolved_at timestamptz check (resolved_at >= raised_at)
);

create unique index alerts_one_open_per_key on core.alerts (source, key) where resolved_at is null;
