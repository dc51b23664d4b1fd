-- Who may sign in to the console with an email (Google), saved on /ops/settings. Until a first save the environment's
-- lists (OPS_ALLOWED_EMAILS, OPS_ADMIN_EMAILS) are in force; after it these tables are, even when they hold no email.

-- The last save: one row at most, so its presence alone says "saved" (an empty saved list is not the same as none).
create table core.console_allowlist_saves (
    id       boolean     primary key default true check (id),
    saved_by text        not null check (length(saved_by) between 1 and 320),
    saved_at timestamptz not null
);

-- One row per email and list. Emails are stored normalised (lower case) so that comparing them is plain equality; the
-- shape is the application's (AllowlistEmails): one @, a dot in the domain, no separators or quotes.
create table core.console_allowlist_emails (
    list  text not null check (list in ('allowed', 'admin')),
    email text not null check (
        email = lower(email)
        and length(email) <= 254
        and email ~ '^[^@[:space:],;<>()"]+@[^@[:space:],;<>()"]+\.[^@[:space:],;<>()".]+$'),
    primary key (list, email)
);
