using Hangfire;
using Npgsql;

namespace LsiWorkflow.Durable.Benchmarks;

/// <summary>
/// The baseline the issue names: the same approval workflow where every step is a Hangfire job that loads the
/// state, does its step, saves it and enqueues the next step. It exists only to be measured against.
/// </summary>
public sealed class PerStepJobs(NpgsqlDataSource data, IBackgroundJobClient jobs)
{
    public static async Task CreateTableAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand(
            "create table if not exists bench_per_step (id uuid primary key, step text not null, state jsonb not null default '{}')");
        await command.ExecuteNonQueryAsync();
    }

    public static async Task InsertAsync(NpgsqlDataSource data, Guid id)
    {
        await using var command = data.CreateCommand("insert into bench_per_step (id, step) values ($1, 'new')");
        command.Parameters.AddWithValue(id);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task WaitForStepAsync(NpgsqlDataSource data, Guid id, string step)
    {
        while (true)
        {
            await using var command = data.CreateCommand("select step from bench_per_step where id = $1");
            command.Parameters.AddWithValue(id);
            if ((string?)await command.ExecuteScalarAsync() == step)
            {
                return;
            }
            await Task.Delay(20);
        }
    }

    public Task StartAsync(Guid id) => StepAsync(id, "waiting", "{\"task\":\"open\"}", next: null);

    public Task CompleteTaskAsync(Guid id) => StepAsync(id, "completed", "{\"task\":\"Goedkeuren\"}", next: () => jobs.Enqueue<PerStepJobs>(j => j.DecideAsync(id)));

    public Task DecideAsync(Guid id) => StepAsync(id, "decided", "{\"approved\":true}", next: () => jobs.Enqueue<PerStepJobs>(j => j.EndAsync(id)));

    public Task EndAsync(Guid id) => StepAsync(id, "finished", "{\"ended\":true}", next: null);

    private async Task StepAsync(Guid id, string step, string state, Action? next)
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var load = new NpgsqlCommand("select state from bench_per_step where id = $1 for update", connection, tx))
        {
            load.Parameters.AddWithValue(id);
            await load.ExecuteScalarAsync();
        }
        await using (var save = new NpgsqlCommand("update bench_per_step set step = $2, state = state || $3::jsonb where id = $1", connection, tx))
        {
            save.Parameters.AddWithValue(id);
            save.Parameters.AddWithValue(step);
            save.Parameters.AddWithValue(state);
            await save.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        next?.Invoke();
    }
}
