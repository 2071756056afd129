using System.Diagnostics;
using System.Diagnostics.Metrics;
using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Runtime;

/// <summary>
/// Traces and figures of the durable runtime, on the base library's <see cref="ActivitySource"/> and <see cref="Meter"/>:
/// one span per burst (its SQL appears beneath it when the host traces Npgsql), how many bursts ran and how long they
/// took, task decisions, incidents and the sweep's repairs. The host chooses the exporters.
/// </summary>
public static class RuntimeTelemetry
{
    public const string Name = "LsiWorkflow.Runtime";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Bursts =
        Meter.CreateCounter<long>("lsi.bursts", "{burst}", "Bursts run, by what started them (start, task, event, timer, parent, cancel, retry).");

    private static readonly Histogram<double> BurstDuration =
        Meter.CreateHistogram<double>("lsi.burst.duration", "ms", "Time of a burst from taking the instance's lock to commit.");

    private static readonly Counter<long> Decisions =
        Meter.CreateCounter<long>("lsi.task.decisions", "{decision}", "Task decisions committed.");

    private static readonly Counter<long> Incidents =
        Meter.CreateCounter<long>("lsi.incidents", "{incident}", "Incidents raised on instances.");

    private static readonly Counter<long> SweepRepairs =
        Meter.CreateCounter<long>("lsi.sweep.repairs", "{item}", "Work the minutely sweep had to pick up because its wake-up was lost.");

    /// <summary>Starts measuring one burst; dispose it when the burst is over, committed or not.</summary>
    public static BurstMeasurement Burst(string signal, Guid? instanceId = null) => new(signal, instanceId);

    internal static void Committed(BurstResult result, bool decision)
    {
        if (decision)
        {
            Decisions.Add(1);
        }
        var incidents = result.Effects.Count(e => e is IncidentRaised);
        if (incidents > 0)
        {
            Incidents.Add(incidents);
        }
    }

    /// <summary>Counts what the sweep repaired, by kind ("timer", "outbox").</summary>
    public static void Repaired(string kind, int count)
    {
        if (count > 0)
        {
            SweepRepairs.Add(count, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    /// <summary>A burst's span and duration; both end at <see cref="Dispose"/>.</summary>
    public readonly struct BurstMeasurement : IDisposable
    {
        private readonly string signal;
        private readonly long started;
        private readonly Activity? activity;

        internal BurstMeasurement(string signal, Guid? instanceId)
        {
            this.signal = signal;
            started = Stopwatch.GetTimestamp();
            activity = Source.StartActivity($"burst {signal}");
            if (instanceId is { } id)
            {
                activity?.SetTag("lsi.instance_id", id);
            }
        }

        public void Dispose()
        {
            var tag = new KeyValuePair<string, object?>("signal", signal);
            Bursts.Add(1, tag);
            BurstDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tag);
            activity?.Dispose();
        }
    }
}
