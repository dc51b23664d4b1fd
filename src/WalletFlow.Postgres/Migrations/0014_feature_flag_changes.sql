-- Every API process keeps the flags in memory and drops its copy when they change: a change, however it is made (a
-- command, the console, a person at psql), notifies the listeners when its transaction commits, and never before.
create function core.notify_feature_flags_changed() returns trigger
    language plpgsql as $$
begin
    perform pg_notify('core_feature_flags', '');
    return null;
end
$$;

create trigger feature_flags_changed
    after insert or update or delete or truncate on core.feature_flags
    for each statement execute function core.notify_feature_flags_changed();
