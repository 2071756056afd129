namespace LsiWorkflow.Host.Features.Retention;

/// <summary>
/// How long personal data outside the archive is kept (section <c>Retention</c>; the defaults are written down in the
/// README). The audit trail, decisions and instance journals are the archive and are never purged.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>In-app notifications, read or not, counted from when they were made.</summary>
    public TimeSpan Notifications { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Outbox messages carried out (their payload may name people), counted from delivery.</summary>
    public TimeSpan DeliveredOutbox { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Mails in the pickup folder, counted from when they were written.</summary>
    public TimeSpan PickupMails { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Sign-in records (sessions) that ended, expired or were last used this long ago.</summary>
    public TimeSpan SignInRecords { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Whether the sweep purges at all (the tests purge by hand, on a clock they move).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the purge runs (it is one step of the minutely sweep).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
