using System.Diagnostics.Metrics;

namespace LsiWorkflow.Engine;

/// <summary>
/// The engine's own figures, on a <see cref="Meter"/> of the base library so the engine stays free of any
/// telemetry package; the host decides whether and where they are exported.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "LsiWorkflow.Engine";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Expressions and templates that failed (syntax, runtime error, time or size limit), in any use.</summary>
    public static readonly Counter<long> ExpressionFaults =
        Meter.CreateCounter<long>("lsi.expression.faults", "{fault}", "Expressions and templates that failed or were stopped by a limit.");
}
