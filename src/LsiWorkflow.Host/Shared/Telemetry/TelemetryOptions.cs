namespace LsiWorkflow.Host.Shared.Telemetry;

/// <summary>Settings under <c>Telemetry</c>; see README, "Telemetry".</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Where traces and figures go by OTLP (e.g. http://collector:4317); none when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The Prometheus scrape path, for admins (cookie or bearer token); off when empty.</summary>
    public string? PrometheusPath { get; set; } = "/metrics";

    /// <summary>How often the figures that come from the database (open tasks, outbox backlog ...) are read.</summary>
    public TimeSpan FiguresInterval { get; set; } = TimeSpan.FromSeconds(15);
}
