-- Partner webhooks: the endpoints merchants receive events at, one delivery per (endpoint, event) written by the outbox
-- relay in the transaction that publishes the event, and every attempt of every delivery. See docs/webhooks.md.

-- An endpoint of a merchant. event_types empty means every event type. The secret signs every delivery (Standard
-- Webhooks, whsec_ plus base64); after a rotation the previous secret also signs until previous_secret_until, so a
-- receiver can switch without dropping a message.
create table core.webhook_endpoints (
    id                    text        primary key,
    merchant_id           text        not null,
    url                   text        not null check (url ~ '^https?://'),
    event_types           text[]      not null,
    description           text,
    secret                text        not null check (secret like 'whsec\_%'),
    previous_secret       text        check (previous_secret like 'whsec\_%'),
    previous_secret_until timestamptz,
    enabled               boolean     not null default true,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    check ((previous_secret is null) = (previous_secret_until is null))
);

create index webhook_endpoints_by_merchant on core.webhook_endpoints (merchant_id) where enabled;

-- One event for one endpoint, created once (unique (endpoint_id, event_id)) whichever relay publishes the event.
-- pending: waiting for its attempt at next_attempt_at; delivered: a 2xx answer; dead: the retry schedule ran out;
-- discarded: an operator gave up on it. A dispatcher leases a due delivery (lease_until, lease_token) while it sends,
-- so several processes share the queue and a delivery whose dispatcher died is sent again once the lease runs out.
create table core.webhook_deliveries (
    id               bigint      generated always as identity primary key,
    endpoint_id      text        not null references core.webhook_endpoints (id),
    event_id         bigint      not null references core.outbox (id),
    event_type       text        not null,
    status           text        not null default 'pending' check (status in ('pending', 'delivered', 'dead', 'discarded')),
    attempts         integer     not null default 0 check (attempts >= 0),
    failures_in_row  integer     not null default 0 check (failures_in_row >= 0),
    next_attempt_at  timestamptz,
    lease_until      timestamptz,
    lease_token      uuid,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz not null,
    finished_at      timestamptz,
    unique (endpoint_id, event_id),
    check ((status = 'pending') = (next_attempt_at is not null)),
    check ((status = 'pending') = (finished_at is null)),
    check ((lease_until is null) = (lease_token is null))
);

create index webhook_deliveries_due on core.webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_by_status on core.webhook_deliveries (status, id);

-- Every attempt: when, what the endpoint answered (or the error when it answered nothing usable), how long it took.
create table core.webhook_attempts (
    delivery_id bigint      not null references core.webhook_deliveries (id),
    attempt     integer     not null check (attempt > 0),
    started_at  timestamptz not null,
    status_code integer,
    latency_ms  integer     not null check (latency_ms >= 0),
    error       text,
    primary key (delivery_id, attempt),
    check (status_code is not null or error is not null)
);
