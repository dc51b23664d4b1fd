-- The two namespaces of WalletFlow's database: the embedded double-entry ledger, and the wallet core around it
-- (wallets, holds, command claims, the outbox). Keeping them apart makes it obvious which tables are the books.
create schema if not exists ledger;
create schema if not exists core;
