using System.Collections.Concurrent;
using System.Globalization;
using LsiWorkflow.Runtime.Outbox;
using Scriban;
using Scriban.Runtime;

namespace LsiWorkflow.Host.Features.Notifications;

/// <summary>A rendered notification: the first line of a template is the subject, the rest the body.</summary>

/// <summary>
/// The notification texts, as Scriban templates in Dutch and English kept in the repository
/// (<c>Notifications/Templates/{name}.{language}.scriban</c>, embedded in the host). Templates see only the
/// model they are given, and a name they do not know is an error, so a mistake shows up in the tests that
/// render every template, not in a mail.
/// </summary>
public sealed class NotificationTemplates
{
    public const string TaskReminder = "task-reminder";
    public const string TaskDue = "task-due";
    public const string TaskEscalation = "task-escalation";
    public const string DateReminder = "date-reminder";
    public const string DailyDigest = "daily-digest";

    /// <summary>The templates about a task (they see <c>task.*</c> and <c>workflow.*</c>).</summary>
    public static readonly IReadOnlyList<string> Names = [TaskReminder, TaskDue, TaskEscalation];
    public static readonly IReadOnlyList<string> Languages = ["nl", "en"];

    public static readonly TimeZoneInfo Dutch = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private readonly ConcurrentDictionary<(string Name, string Language), Template> parsed = new();

    /// <summary>Renders template <paramref name="name"/> in <paramref name="language"/> (Dutch when unknown).</summary>
    public RenderedNotification Render(string name, string language, ScriptObject model)
    {
        var template = parsed.GetOrAdd((name, Languages.Contains(language) ? language : "nl"), static key => Parse(key.Name, key.Language, Source(key.Name, key.Language)));
        return Render(template, model);
    }

    /// <summary>Parses template text; a syntax error is an exception naming the template and the line.</summary>
    public static Template Parse(string name, string language, string text)
    {
        var template = Template.Parse(text, $"{name}.{language}.scriban");
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Template {name}.{language} is broken: {string.Join("; ", template.Messages)}");
        }
        return template;
    }

    public static RenderedNotification Render(Template template, ScriptObject model)
    {
        var context = new TemplateContext { StrictVariables = true, MemberRenamer = m => m.Name, TemplateLoader = null };
        context.PushGlobal(model);
        var text = template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0
            ? new RenderedNotification(text, "")
            : new RenderedNotification(text[..newline].Trim(), text[(newline + 1)..].Trim());
    }

    /// <summary>A day as people in the Netherlands read it, in the language of the text.</summary>
    public static string FormatDay(DateOnly day, string language) => language == "en"
        ? day.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
        : day.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"));

    /// <summary>A moment as people in the Netherlands read it, in the language of the text.</summary>
    public static string FormatMoment(DateTimeOffset? moment, string language)
    {
        if (moment is not { } value)
        {
            return language == "en" ? "unknown" : "onbekend";
        }
        var local = TimeZoneInfo.ConvertTime(value, Dutch);
        return language == "en"
            ? local.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB"))
            : local.ToString("dddd d MMMM yyyy 'om' HH:mm", CultureInfo.GetCultureInfo("nl-NL"));
    }

    private static string Source(string name, string language)
    {
        var resource = $"LsiWorkflow.Host.Features.Notifications.Templates.{name}.{language}.scriban";
        using var stream = typeof(NotificationTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Template {name}.{language} is missing (resource {resource}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
