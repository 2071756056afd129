using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace LsiWorkflow.Durable.Benchmarks;

/// <param name="Statements">Statements of one workflow in the script (without the resets left out).</param>
/// <param name="RoundTrips">Client writes of one workflow that the server answered, as the host sent them.</param>
internal sealed record ReplayScript(string Path, int Statements, int RoundTrips, int FreshIds, int LeftOut);

/// <summary>
/// The limit of this workload: the SQL that one workflow of the host sends, recorded on the wire and replayed by pgbench
/// at the same client count, so that the database does the same work (the same inserts, updates, row lock and indexes)
/// with a client that costs almost nothing.
/// </summary>
internal static class SqlReplay
{
    private const string CaptureApplication = "lsi-bench-capture";
    private const string CheckApplication = "lsi-bench-replay-check";

    /// <summary>Workflows recorded for the check; the first runs before recording and the next two are recorded.</summary>
    private const int CheckedWorkflows = 3;

    /// <summary>
    /// Captures in a process of its own. Hangfire keeps its configuration (storage, job activator, log provider) in
    /// static state, which a second host in the benchmark's process would point at itself, and leave pointing at its
    /// disposed services when it is gone: the benchmark's Hangfire workers then fail.
    /// </summary>
    public static async Task<ReplayScript> CaptureInChildAsync(BenchmarkOptions options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var argument in new[] { typeof(SqlReplay).Assembly.Location, "--capture-child", "--database", options.Database,
            "--pgbench-database", options.PgBenchDatabase, "--clients", options.Clients.ToString(CultureInfo.InvariantCulture), "--output", options.OutputDirectory })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The capture did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("replay_script=", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The capture failed (exit code {process.ExitCode}):\n{output}");
        }
        var fields = line.Split(' ').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        int Number(string key) => int.Parse(fields[key], CultureInfo.InvariantCulture);
        return new ReplayScript(fields["replay_script"], Number("statements"), Number("round_trips"), Number("fresh_ids"), Number("left_out"));
    }

    /// <summary>The line the capture's process prints for its parent.</summary>
    public static string Describe(ReplayScript script) => string.Create(CultureInfo.InvariantCulture,
        $"replay_script={script.Path} statements={script.Statements} round_trips={script.RoundTrips} fresh_ids={script.FreshIds} left_out={script.LeftOut}");

    /// <summary>
    /// Runs three workflows through the host's services on a connection that passes through <see cref="WireCapture"/>,
    /// records the second and the third, and writes the script. The first is not recorded: it loads what a host that
    /// has served keeps (the parsed definition, Npgsql's type information). What differs between the two recorded
    /// workflows tells which values are new per workflow.
    /// </summary>
    public static async Task<ReplayScript> CaptureAsync(BenchmarkOptions options)
    {
        var server = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        await using var wire = new WireCapture(server.Host!, server.Port);
        var proxied = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = wire.Port,
            ApplicationName = CaptureApplication,
        };

        // Idle backends hand in their table statistics up to ten seconds after their last transaction; the main host's
        // warm-up must not land in the window measured below.
        await Task.Delay(TimeSpan.FromSeconds(11));
        var before = await TableWrites.ReadAsync(options.ConnectionString);
        IReadOnlyList<CapturedStatement> first, second;
        var workload = EngineWorkload.Attach(options, proxied.ConnectionString);
        await using (workload)
        {
            await workload.RunWorkflowAsync();
            wire.StartRecording();
            await workload.RunWorkflowAsync();
            first = wire.StopRecording();
            wire.StartRecording();
            await workload.RunWorkflowAsync();
            second = wire.StopRecording();
            workload.ClearConnectionPool();
        }
        // Connections opened from the connection string itself (Hangfire's storage) live in Npgsql's global pools.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(proxied.ConnectionString));
        await WaitForBackendsToEndAsync(options.ConnectionString, CaptureApplication);
        var captured = (await TableWrites.ReadAsync(options.ConnectionString)).Minus(before);

        var script = ReplayScriptWriter.Write(first, second, Path.Combine(options.OutputDirectory, "replay.sql"));
        await CheckAsync(options, script, captured);
        return script;
    }

    /// <summary>
    /// Runs the script as many times as workflows were captured, on one connection, and compares the rows each table
    /// gained, changed and lost with what the captured workflows did. A script that leaves out a statement of the host's
    /// (or writes something the host does not) fails here, before any figure is printed.
    /// </summary>
    private static async Task CheckAsync(BenchmarkOptions options, ReplayScript script, TableWrites captured)
    {
        var before = await TableWrites.ReadAsync(options.ConnectionString);
        await PgBench.RunAsync(options, $"-n -c 1 -t {CheckedWorkflows} -M prepared -f \"{script.Path}\" {options.Database}", CheckApplication);
        await WaitForBackendsToEndAsync(options.ConnectionString, CheckApplication);
        var replayed = (await TableWrites.ReadAsync(options.ConnectionString)).Minus(before);
        if (!replayed.SameAs(captured))
        {
            throw new InvalidOperationException(
                $"The replay does not write what {CheckedWorkflows} workflows of the host wrote.\nhost:   {captured}\nreplay: {replayed}");
        }
        Console.Error.WriteLine($"sql replay: {script.Statements} statements per workflow ({script.RoundTrips} round trips in the host), " +
            $"{script.FreshIds} new ids per workflow, {script.LeftOut} connection resets left out; " +
            $"rows written per {CheckedWorkflows} workflows, host and replay alike: {captured}");
    }

    /// <summary>pgbench with the script at the benchmark's client count and duration; one script run is one workflow.</summary>
    public static async Task<double> RunAsync(BenchmarkOptions options, ReplayScript script, string mode)
    {
        var output = await PgBench.RunAsync(options,
            $"-n -c {options.Clients} -j 2 -T {options.Seconds} -M {mode} -f \"{script.Path}\" {options.Database}", "lsi-bench-replay");
        return PgBench.Tps(output);
    }

    private static async Task WaitForBackendsToEndAsync(string connectionString, string application)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var command = data.CreateCommand("select count(*) from pg_stat_activity where application_name = $1");
            command.Parameters.AddWithValue(application);
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Connections of {application} were still open after 10 s.");
    }

    /// <summary>Rows inserted, updated and deleted per table of the application's schema, from the server's statistics.</summary>
    private sealed record TableWrites(IReadOnlyDictionary<string, (long Inserted, long Updated, long Deleted)> Tables)
    {
        public static async Task<TableWrites> ReadAsync(string connectionString)
        {
            await using var data = NpgsqlDataSource.Create(connectionString);
            await using var connection = await data.OpenConnectionAsync();
            await using (var clear = new NpgsqlCommand("select pg_stat_clear_snapshot()", connection))
            {
                await clear.ExecuteNonQueryAsync();
            }
            await using var command = new NpgsqlCommand(
                "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables where schemaname = 'lsi'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var tables = new Dictionary<string, (long, long, long)>();
            while (await reader.ReadAsync())
            {
                tables[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }
            return new TableWrites(tables);
        }

        public TableWrites Minus(TableWrites earlier) => new(Tables
            .Select(t => (t.Key, Delta: (
                t.Value.Inserted - earlier.Tables.GetValueOrDefault(t.Key).Inserted,
                t.Value.Updated - earlier.Tables.GetValueOrDefault(t.Key).Updated,
                t.Value.Deleted - earlier.Tables.GetValueOrDefault(t.Key).Deleted)))
            .Where(t => t.Delta != (0, 0, 0))
            .ToDictionary(t => t.Key, t => t.Delta));

        public bool SameAs(TableWrites other) =>
            Tables.Count == other.Tables.Count && Tables.All(t => other.Tables.TryGetValue(t.Key, out var o) && o == t.Value);

        public override string ToString() => string.Join(", ", Tables.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} +{t.Value.Inserted}/~{t.Value.Updated}/-{t.Value.Deleted}")));
    }
}

/// <summary>
/// Turns two recorded workflows into a pgbench script. Parameters become literals of the type the client sent. A uuid
/// that differs between the two workflows is an id the workflow made: it becomes a pgbench variable drawn anew for each
/// run of the script, the same variable wherever the id appears, so that the completion refers to the rows the start
/// made. A timestamp that differs (a "now" of the host's clock) becomes the transaction's now(). Any other value that
/// differs (the instance's state, which holds ids and times as text) is kept as the first workflow sent it.
/// </summary>
internal static class ReplayScriptWriter
{
    public static ReplayScript Write(IReadOnlyList<CapturedStatement> first, IReadOnlyList<CapturedStatement> second, string path)
    {
        if (first.Count == 0)
        {
            throw new InvalidOperationException("Nothing was captured.");
        }
        if (first.Count != second.Count)
        {
            throw new InvalidOperationException($"The two captured workflows sent {first.Count} and {second.Count} statements.");
        }
        var fresh = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = new HashSet<(int Statement, int Parameter)>();
        var keptDifferent = 0;
        for (var i = 0; i < first.Count; i++)
        {
            var (a, b) = (first[i], second[i]);
            if (a.Sql != b.Sql || !a.ParameterTypes.SequenceEqual(b.ParameterTypes) || a.Parameters.Count != b.Parameters.Count)
            {
                throw new InvalidOperationException($"The two captured workflows differ at statement {i + 1}:\n{a.Sql}\n{b.Sql}");
            }
            for (var p = 0; p < a.Parameters.Count; p++)
            {
                var (va, vb) = (a.Parameters[p], b.Parameters[p]);
                if (va == vb || va is null)
                {
                    continue;
                }
                var type = p < a.ParameterTypes.Count ? a.ParameterTypes[p] : 0;
                if (Guid.TryParseExact(va, "D", out _))
                {
                    fresh.TryAdd(va, "id" + (fresh.Count + 1).ToString(CultureInfo.InvariantCulture));
                }
                else if (type is PgBinary.TimestampTz or PgBinary.Timestamp
                    && DateTime.TryParse(va, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at)
                    && Math.Abs((at - DateTime.UtcNow).TotalDays) < 1)
                {
                    now.Add((i, p));
                }
                else
                {
                    keptDifferent++;
                }
            }
        }

        // Each run of the script draws its ids; the run's nonce keeps them apart from earlier runs' rows.
        var nonce = Guid.NewGuid().ToString("N")[..12];
        var script = new StringBuilder();
        script.AppendLine("-- One workflow of the durable benchmark (start, the client finding its task, completion) as the host sent it,");
        script.AppendLine("-- recorded on the wire by LsiWorkflow.Durable.Benchmarks. Written anew by each run; do not edit.");
        script.AppendLine(CultureInfo.InvariantCulture, $"-- {fresh.Count} ids made per workflow are drawn per run ({string.Join(", ", fresh.Values)}); " +
            $"{now.Count} timestamps of the host's clock are now(); {keptDifferent} other values that differ per workflow are kept as recorded.");
        foreach (var variable in fresh.Values)
        {
            script.AppendLine(CultureInfo.InvariantCulture, $"\\set {variable} random(1, 9223372036854775806)");
        }
        var statements = 0;
        var leftOut = 0;
        var roundTrip = -1;
        var roundTrips = 0;
        for (var i = 0; i < first.Count; i++)
        {
            var statement = first[i];
            if (statement.RoundTrip != roundTrip)
            {
                roundTrip = statement.RoundTrip;
                roundTrips++;
                script.AppendLine(CultureInfo.InvariantCulture, $"-- round trip {roundTrips} of the host (connection {statement.Connection})");
            }
            if (statement.Simple && statement.Sql.Trim().Equals("DISCARD ALL", StringComparison.OrdinalIgnoreCase))
            {
                // Npgsql's reset of a pooled connection, sent in front of the connection's next command. It would also
                // drop pgbench's prepared statements, so it is left out of the replay, and counted.
                script.AppendLine("-- (DISCARD ALL: the reset of a pooled connection, left out)");
                leftOut++;
                continue;
            }
            script.AppendLine(Render(statement, i, fresh, now, nonce));
            statements++;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, script.ToString());
        return new ReplayScript(path, statements, roundTrips, fresh.Count, leftOut);
    }

    private static string Render(CapturedStatement statement, int index, Dictionary<string, string> fresh, HashSet<(int, int)> now, string nonce)
    {
        string Parameter(int p)
        {
            var value = statement.Parameters[p];
            var type = p < statement.ParameterTypes.Count ? PgBinary.TypeName(statement.ParameterTypes[p]) : null;
            var cast = type is null ? "" : "::" + type;
            if (value is null)
            {
                return "NULL" + cast;
            }
            if (fresh.TryGetValue(value, out var variable))
            {
                return $"(md5('{nonce}' || :{variable})::uuid{(type is null or "uuid" ? "" : cast)})";
            }
            if (now.Contains((index, p)))
            {
                return type == "timestamp" ? "(now() at time zone 'utc')" : "now()";
            }
            return Literal(value) + cast;
        }

        var sql = new StringBuilder();
        var text = statement.Sql.Trim().TrimEnd(';');
        char? quote = null;
        for (var c = 0; c < text.Length; c++)
        {
            var ch = text[c];
            if (quote is { } open)
            {
                sql.Append(ch);
                quote = ch == open ? null : quote;
                continue;
            }
            if (ch is '\'' or '"')
            {
                quote = ch;
                sql.Append(ch);
            }
            else if (ch == '$' && c + 1 < text.Length && char.IsAsciiDigit(text[c + 1]))
            {
                var end = c + 1;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }
                sql.Append(Parameter(int.Parse(text[(c + 1)..end], CultureInfo.InvariantCulture) - 1));
                c = end - 1;
            }
            else if (ch is '\n' or '\r')
            {
                sql.Append(' ');
            }
            else if (ch == ':' && c + 1 < text.Length && text[c + 1] != ':' && (c == 0 || text[c - 1] != ':'))
            {
                // pgbench would read ":name" as one of its variables
                throw new NotSupportedException($"A lone ':' in the host's SQL cannot go into a pgbench script: {text}");
            }
            else
            {
                sql.Append(ch);
            }
        }
        return sql.Append(';').ToString();
    }

    /// <summary>
    /// An escape string on one line: pgbench reads ":name" as a variable even inside quotes (JSON has plenty), so the
    /// colon is written as \x3a; backslashes and line breaks are escaped too.
    /// </summary>
    private static string Literal(string value)
    {
        var literal = new StringBuilder("E'");
        foreach (var ch in value)
        {
            literal.Append(ch switch
            {
                '\'' => "''",
                '\\' => "\\\\",
                ':' => "\\x3a",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => "\\x" + ((int)ch).ToString("x2", CultureInfo.InvariantCulture),
                _ => ch.ToString(),
            });
        }
        return literal.Append('\'').ToString();
    }
}
