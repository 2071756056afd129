using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Runtime.Persistence;

namespace LsiWorkflow.Host.Tests.Features.Notifications;

/// <summary>Every shipped template renders with sample data, so a broken one fails here and never in a send.</summary>
public sealed class NotificationTemplateTests
{
    public static TheoryData<string, string> Templates()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in NotificationTemplates.Names)
        {
            foreach (var language in NotificationTemplates.Languages)
            {
                data.Add(name, language);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_renders_a_subject_and_a_body_with_the_task_workflow_and_due_date(string name, string language)
    {
        var task = new TaskRecord
        {
            Id = Guid.Parse("2f1e6c53-4a43-4f55-9b56-0d2f5a0b8c11"),
            InstanceId = Guid.NewGuid(),
            ActivityId = "approve",
            DefinitionId = "project-approval",
            Title = "Keur project Wijkaanpak Zuid goed",
            Description = "Beoordeel het projectplan.",
            Organisation = "UWV",
            Outcomes = "[]",
            CommentRequiredFor = "[]",
            FormFields = "[]",
            DueAt = new DateTimeOffset(2026, 1, 19, 8, 0, 0, TimeSpan.Zero),
            EscalateTo = "SteeringGroupMember",
            Priority = "high",
        };
        var model = TaskDeadlineNotifier.Model(task, "Goedkeuring project", language, "https://lsi.example");

        var rendered = new NotificationTemplates().Render(name, language, model);

        Assert.Contains("Keur project Wijkaanpak Zuid goed", rendered.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', rendered.Subject);
        Assert.Contains("https://lsi.example/tasks/2f1e6c53-4a43-4f55-9b56-0d2f5a0b8c11", rendered.Body, StringComparison.Ordinal);
        Assert.Contains("Goedkeuring project", rendered.Body, StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "Monday 19 January 2026 at 09:00" : "maandag 19 januari 2026 om 09:00", rendered.Subject + rendered.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_with_a_syntax_error_or_an_unknown_name_fails_loudly()
    {
        Assert.Throws<InvalidOperationException>(() => NotificationTemplates.Parse("broken", "nl", "Taak {{ end }}"));
        var template = NotificationTemplates.Parse("typo", "nl", "Taak {{ taak.title }}");
        var model = TaskDeadlineNotifier.Model(
            new TaskRecord { ActivityId = "a", DefinitionId = "d", Title = "t", Outcomes = "[]", CommentRequiredFor = "[]", FormFields = "[]", Priority = "normal" },
            "w", "nl", "http://x");
        Assert.ThrowsAny<Exception>(() => NotificationTemplates.Render(template, model));
    }

    [Theory]
    [InlineData("nl", 14, "Herinnering: mijlpaal 'Rapport focusgroep' over 14 dagen (maandag 1 juni 2026)")]
    [InlineData("en", 14, "Reminder: milestone 'Rapport focusgroep' in 14 days (Monday 1 June 2026)")]
    [InlineData("nl", 0, "Herinnering: mijlpaal 'Rapport focusgroep' is vandaag")]
    [InlineData("en", 0, "Reminder: milestone 'Rapport focusgroep' is today")]
    public void The_date_reminder_renders_in_both_languages(string language, int daysBefore, string subject)
    {
        var reminder = new LsiWorkflow.Host.Features.Reminders.DateReminder { ForDate = new DateOnly(2026, 6, 1), DaysBefore = daysBefore };
        var model = LsiWorkflow.Host.Features.Reminders.DateReminderNotifier.Model(reminder, "Rapport focusgroep", "Kamerbrief", language, "https://lsi.example/milestones");

        var rendered = new NotificationTemplates().Render(NotificationTemplates.DateReminder, language, model);

        Assert.Equal(subject, rendered.Subject);
        Assert.Contains("Kamerbrief", rendered.Body, StringComparison.Ordinal);
        Assert.Contains("https://lsi.example/milestones", rendered.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "Dagoverzicht LSI Workflow: 2 meldingen")]
    [InlineData("en", "Daily overview LSI Workflow: 2 notifications")]
    public void The_daily_digest_lists_every_line_in_both_languages(string language, string subject)
    {
        var lines = new[] { "Herinnering: taak A", "Escalatie: taak B" }.Select((text, i) => new LsiWorkflow.Host.Features.Notifications.UserNotification
        {
            UserName = "partner.uwv",
            Subject = text,
            Body = "",
            CreatedAt = new DateTimeOffset(2026, 1, 5, 8 + i, 0, 0, TimeSpan.Zero),
        }).ToList();

        var rendered = new NotificationTemplates().Render(NotificationTemplates.DailyDigest, language, DailyDigest.Model("Partner UWV", lines, language, "https://lsi.example"));

        Assert.Equal(subject, rendered.Subject);
        Assert.Contains("Partner UWV", rendered.Body, StringComparison.Ordinal);
        Assert.Contains("- Herinnering: taak A (", rendered.Body, StringComparison.Ordinal);
        Assert.Contains("- Escalatie: taak B (", rendered.Body, StringComparison.Ordinal);
        Assert.Contains("https://lsi.example/notifications", rendered.Body, StringComparison.Ordinal);
    }
}
