using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Runtime.Outbox;

/// <summary>
/// How the outbox retries (configuration section <c>Outbox</c>). A message is tried until it is delivered or an
/// administrator gives up on it: the delay doubles from <see cref="FirstRetryDelay"/> up to
/// <see cref="MaxRetryDelay"/>, so an outage of a day costs about thirty attempts a message.
/// </summary>
public sealed class OutboxOptions
{
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many failed attempts of one message the administrators are warned (once per message).</summary>
    public int WarnAfterAttempts { get; set; } = 5;

    /// <summary>The health check reports degraded while an undelivered message is older than this.</summary>
    public TimeSpan UndeliveredAlarmAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The wait after the <paramref name="attempts"/>-th failure: 1, 2, 4, 8 ... minutes, capped.</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var delay = FirstRetryDelay;
        for (var i = 1; i < attempts && delay < MaxRetryDelay; i++)
        {
            delay += delay;
        }
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}

/// <summary>
/// Told, inside the dispatcher's transaction, of messages that just reached <see cref="OutboxOptions.WarnAfterAttempts"/>
/// failures; the host warns its administrators in the app (not by mail, which may be what fails).
/// </summary>
public interface IOutboxAlarm
{
    Task RaiseAsync(DbContext db, IReadOnlyList<OutboxMessage> failing, CancellationToken ct);
}
