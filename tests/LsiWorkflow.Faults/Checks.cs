using System.Globalization;
using Npgsql;

namespace LsiWorkflow.Faults;

/// <summary>The figures of a run, printed as one line of key=value; the run fails when a loss or repeat is counted.</summary>
public sealed class Figures
{
    private readonly List<(string Key, string Value)> items = [];
    private readonly List<string> problems = [];

    public void Add(string key, object value) =>
        items.Add((key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));

    public void Seconds(string key, TimeSpan value) => Add(key, Math.Round(value.TotalSeconds, 1));

    /// <summary>A count that must be zero: it is reported, and a non-zero value fails the run with the examples given.</summary>
    public void MustBeZero(string key, long count, IEnumerable<string>? examples = null)
    {
        Add(key, count);
        if (count != 0)
        {
            problems.Add($"{key}={count}: {string.Join("; ", (examples ?? []).Take(5))}");
        }
    }

    public void Problem(string text) => problems.Add(text);

    public IReadOnlyList<string> Problems => problems;

    public string Line => string.Join(' ', items.Select(i => $"{i.Key}={i.Value}"));
}

/// <summary>Read-only queries on the database under test, for the checks at the end of a run.</summary>
public sealed class Database(string connectionString)
{
    /// <summary>Drops and creates the database of the connection string (it must be one the run owns).</summary>
    public static async Task RecreateAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        if (!name.StartsWith("lsi_faults", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Refusing to drop '{name}': fault runs use databases named lsi_faults*.");
        }
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { $"drop database if exists \"{name}\" with (force)", $"create database \"{name}\"" })
        {
            // Creating a database waits for a checkpoint, which takes long on a busy machine.
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    public async Task<long> CountAsync(string sql, params object[] parameters) =>
        (await QueryAsync(sql, r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), parameters)).Single();

    /// <summary>Rows of a "group by ... having count(*) > 1" query, rendered for a message.</summary>
    public Task<List<string>> RepeatsAsync(string sql, params object[] parameters) =>
        QueryAsync(sql, r => string.Join('/', Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))), parameters);

    /// <summary>Waits until the query counts zero (say, undispatched outbox messages); returns the last count.</summary>
    public async Task<long> WaitForZeroAsync(string sql, TimeSpan timeout, params object[] parameters)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var count = await CountAsync(sql, parameters);
            if (count == 0 || DateTime.UtcNow > until)
            {
                return count;
            }
            await Task.Delay(500);
        }
    }
}
