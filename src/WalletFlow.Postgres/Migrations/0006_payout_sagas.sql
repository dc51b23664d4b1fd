-- The payout saga: what happens to a submitted hold between our ledger and the provider's. The hold's status stays the
-- one truth about the money (core.holds); the saga row says what the worker does next and when.

-- One saga per submitted hold. A worker claims a due row (for update skip locked), pushes next_due_at past its lease
-- and bumps version; it records what it learnt only while version is still its own, so a worker that outlived its
-- lease (a killed or paused silo) cannot overwrite the worker that resumed the saga.
create table core.payout_sagas (
    hold_id     text        primary key references core.holds (id),
    provider    text        not null,
    step        text        not null check (step in ('submit', 'requery', 'settle', 'release', 'review', 'done')),
    attempts    integer     not null default 0 check (attempts >= 0),
    version     bigint      not null default 0,
    next_due_at timestamptz,
    last_answer text        check (last_answer in ('paid', 'failed', 'pending', 'not_found', 'ambiguous')),
    last_detail text,
    -- What the release or the manual review will say: the provider's reason, or why no answer could be trusted.
    reason      text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    -- A finished saga is never due again; an unfinished one always is, at some time.
    check ((step = 'done') = (next_due_at is null))
);

create index payout_sagas_due on core.payout_sagas (next_due_at) where next_due_at is not null;

-- A payout's timeline: every transition of its hold (written in the transition's own transaction), every call to the
-- provider and its answer, every callback, and every decision of the saga. Append-only.
create table core.payout_timeline (
    id      bigint      generated always as identity primary key,
    hold_id text        not null references core.holds (id),
    at      timestamptz not null,
    kind    text        not null check (kind in ('transition', 'submit', 'requery', 'callback', 'decision', 'stuck')),
    status  text        check (status in ('reserved', 'submitted', 'settled', 'released', 'manual_review')),
    answer  text        check (answer in ('paid', 'failed', 'pending', 'not_found', 'ambiguous')),
    detail  text,
    -- The command that made a transition (wtx_...).
    command_id text
);

create index payout_timeline_by_hold on core.payout_timeline (hold_id, id);
create index payout_timeline_provider_events on core.payout_timeline (id) where kind in ('submit', 'requery', 'callback');

-- A provider's final word on a payout, from its callback: the first paid or failed per (provider, reference) is kept
-- for good, and a callback delivered again (or contradicting it) changes nothing.
create table core.provider_callbacks (
    provider      text        not null,
    reference     text        not null,
    status        text        not null check (status in ('paid', 'failed')),
    reason        text,
    received_at   timestamptz not null,
    deliveries    integer     not null default 1 check (deliveries >= 1),
    last_received timestamptz not null,
    primary key (provider, reference)
);

-- When the stuck-hold sweeper first saw a hold still reserved past its threshold.
alter table core.holds add column stuck_since timestamptz;
