-- Run on a database restored from a backup (restore.sh and pitr-restore.sh do) BEFORE any host starts on
-- it. The hosts that wrote the backup do not run on this database, but their traces in it would hold up
-- the hosts that will. Everything the product needs to go on is kept: pending timers, undispatched outbox
-- messages, fired timers and dispatched messages (so nothing sent before the backup is sent again), and
-- Hangfire's scheduled and recurring jobs (so a timer fires at its second, not only at the next sweep).
\set ON_ERROR_STOP on
begin;
do $$
declare
  n bigint;
begin
  if to_regclass('hangfire.server') is not null then
    -- Servers of hosts that are gone; the dashboard would list them until they time out.
    delete from hangfire.server;
    get diagnostics n = row_count;
    raise notice 'hangfire.server: % server(s) of the backed-up hosts removed', n;
    -- Locks those hosts held (the sweep's DisableConcurrentExecution, the schedulers'): nobody would release
    -- them, and Hangfire.PostgreSql takes them back only after its lock timeout (10 minutes), so the
    -- sweep and the delayed-job scheduler would stand still that long.
    delete from hangfire.lock;
    get diagnostics n = row_count;
    raise notice 'hangfire.lock: % lock(s) removed', n;
    -- Jobs those hosts were running: back in the queue now rather than after the invisibility timeout.
    -- Every job of the product may run twice (timers are claimed, outbox messages marked, in one statement).
    update hangfire.jobqueue set fetchedat = null where fetchedat is not null;
    get diagnostics n = row_count;
    raise notice 'hangfire.jobqueue: % job(s) that were running put back in the queue', n;
  end if;
  if to_regclass('lsi.workflow_timer_wakeups') is not null then
    -- A wake-up row says "a Hangfire job is scheduled for this second", and a second timer for it schedules
    -- nothing. The row and the job are written in two transactions, so a backup can hold the row without
    -- the job; then timers of that second would wait for the sweep. Without the rows the next timer of any
    -- second schedules a job again; a second job for one second finds nothing left to fire.
    delete from lsi.workflow_timer_wakeups;
    get diagnostics n = row_count;
    raise notice 'lsi.workflow_timer_wakeups: % wake-up(s) removed', n;
  end if;
end $$;
commit;
