using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>
/// A span processor in the host's own tracer provider: what the host's telemetry configuration traces is what a test
/// sees. It keeps spans only between <see cref="Start"/> and <see cref="Stop"/>, so the shared host does not collect
/// every test's spans.
/// </summary>
public sealed class TraceRecorder : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> ended = new();
    private volatile bool recording;

    public void Start()
    {
        ended.Clear();
        recording = true;
    }

    public IReadOnlyList<Activity> Stop()
    {
        recording = false;
        return [.. ended];
    }

    public override void OnEnd(Activity data)
    {
        if (recording)
        {
            ended.Enqueue(data);
        }
    }
}
