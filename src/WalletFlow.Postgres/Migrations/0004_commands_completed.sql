-- The console's Overview counts the commands completed in each minute of the last hour: this keeps that read to the
-- window instead of the whole journal.
create index commands_completed on core.commands (completed_at) where status = 'completed';
