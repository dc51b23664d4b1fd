-- Volumes over a window of a whole ledger (GET /v2/{ledger}/volumes, the trial balance): the postings of a ledger by
-- effective date, and its transactions by insertion date (their postings then follow by primary key).
create index postings_by_effective_date on ledger.postings (ledger, effective_at);
create index transactions_by_insertion_date on ledger.transactions (ledger, inserted_at);
