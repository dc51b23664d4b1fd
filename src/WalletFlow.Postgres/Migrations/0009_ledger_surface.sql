-- Volumes over a window of a whole ledger (GET /v2/{ledger}/volumes, the trial balance): the postings of a ledger by
-- effective date, and its transactions by insertion date (their postings then follow by primary key).
create index postings_by_effective_date on ledger.postings (ledger, effective_at);
create index transactions_by_insertion_date on ledger.transactions (ledger, inserted_at);

-- Transaction ids are numbered per ledger, as Formance numbers them. Each ledger has a sequence of its own, created
-- with the ledger and named by the md5 of its name (a name with a prefix may not fit an identifier). A sequence hands
-- out numbers without holding a row lock, so posts to one ledger never queue on each other for their ids; a
-- rolled-back post leaves a gap, as before.
create function ledger.transaction_ids_of(ledger text) returns regclass language sql stable
    as $$ select ('ledger.transaction_ids_' || md5(ledger))::regclass $$;

create function ledger.create_transaction_ids() returns trigger language plpgsql as $$
begin
    execute format('create sequence ledger.%I', 'transaction_ids_' || md5(new.name));
    return new;
end;
$$;

create trigger ledgers_number_their_own_transactions after insert on ledger.ledgers
    for each row execute function ledger.create_transaction_ids();

-- The ledgers already there continue after their highest id.
do $$
declare
    existing record;
begin
    for existing in select name from ledger.ledgers loop
        execute format('create sequence ledger.%I', 'transaction_ids_' || md5(existing.name));
        perform setval(ledger.transaction_ids_of(existing.name),
                       coalesce((select max(id) from ledger.transactions where ledger = existing.name), 0) + 1, false);
    end loop;
end;
$$;

drop sequence ledger.transaction_ids;
