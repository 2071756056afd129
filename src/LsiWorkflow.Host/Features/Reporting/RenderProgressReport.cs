using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Expressions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Reporting;

/// <summary>The Stand van de uitvoering as an HTML page with the numbers of this moment, printable to PDF from the browser.</summary>
[Allowed(Policies.CanViewMilestones)]
public sealed record RenderProgressReport(Actor Actor) : IQuery<string>, IActorMessage;

public sealed class RenderProgressReportHandler(ISender sender, ReportTemplates templates) : IQueryHandler<RenderProgressReport, string>
{
    public async ValueTask<string> Handle(RenderProgressReport query, CancellationToken cancellationToken)
    {
        var figures = await sender.Send(new GetProgressFigures(query.Actor), cancellationToken);
        return templates.Render(ReportTemplates.ProgressReport, Model(figures), figures.At);
    }

    /// <summary>Plain data for the template: names in snake_case as Scriban reads them, dates already written the Dutch way.</summary>
    internal static JsonObject Model(ProgressFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var model = new
        {
            generated_at = TimeZoneInfo.ConvertTime(f.At, ReportTemplates.Netherlands).ToString("d MMMM yyyy HH:mm", ReportTemplates.Dutch),
            today = Day(f.Today),
            covenant = f.Covenant is { } c ? new { title = c.Title, signed_on = Day(c.SignedOn), publication = c.PublicationReference, interval = c.EvaluationIntervalYears, next_evaluation = Day(c.NextEvaluationDue) } : null,
            next_evaluation = f.NextEvaluation is { } n ? new { name = n.Name, planned_on = Day(n.PlannedOn), status = n.StatusLabel, rule = n.Rule } : null,
            milestones_by_status = Counts(f.MilestonesByStatus),
            milestones = f.Milestones.Select(m => new
            {
                name = m.Name,
                subject = Labels.Subject(m.Subject),
                planned_on = Day(m.PlannedOn),
                actual_on = Day(m.ActualOn),
                status = m.StatusLabel,
                state = m.Status.ToString().ToLowerInvariant(),
                rule = m.Rule,
            }),
            commitments_by_status = Counts(f.CommitmentsByStatus),
            commitments = f.Commitments.Select(c => new
            {
                text = c.Text,
                source = c.SourceLetter,
                due_on = Day(c.DueOn),
                fulfilled_on = Day(c.FulfilledOn),
                late = c.IsLate,
                outstanding = c.Outstanding,
            }),
            evaluation = f.Evaluation is { } e ? new
            {
                period = $"{e.FirstYear}–{e.LastYear}",
                evaluator = e.Evaluator,
                recommendations = e.Recommendations.Select(r => new
                {
                    number = r.Number,
                    title = r.Title,
                    actions = r.Actions.Select(a => new { description = a.Description, owner = a.Owner, due_on = Day(a.DueOn), status = Labels.FollowUp(a.Status), decision = a.Decision }),
                }),
            }
            : null,
            follow_up_by_status = Counts(f.FollowUpActionsByStatus),
            projects_by_status = Counts(f.ProjectsByStatus),
            projects_by_gate = Counts(f.ProjectsByGate),
            project_count = f.Projects.Count,
            blocked_projects = f.Projects.Where(p => p.NextTransition is { Allowed: false }).Select(p => new
            {
                name = p.Name,
                kind = Labels.Kind(p.Kind),
                status = Labels.Status(p.Status),
                next = Labels.Transition(p.NextTransition!.Transition),
                reasons = p.NextTransition.Reasons.Select(r => r.Message),
            }),
            overdue_tasks = Counts(f.OverdueTasksByOrganisation),
        };
        return JsonSerializer.SerializeToNode(model)!.AsObject();
    }

    private static string? Day(DateOnly? day) => day?.ToString("d MMMM yyyy", ReportTemplates.Dutch);

    private static IEnumerable<object> Counts(IReadOnlyList<Count> counts) => counts.Select(c => new { label = c.Label, value = c.Value });
}

/// <summary>
/// Report templates kept in the repository (embedded), rendered by the same sandboxed Scriban engine as workflow
/// templates. Only the output cap is larger: a report over years of milestones outgrows a notification's.
/// </summary>
public sealed class ReportTemplates
{
    public const string ProgressReport = "stand-van-de-uitvoering.html.sbn";

    internal static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    internal static readonly TimeZoneInfo Netherlands = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private readonly ExpressionEngine engine = new(new ExpressionLimits { MaxOutputLength = 2_000_000 });

    public string Render(string name, JsonObject model, DateTimeOffset now) =>
        engine.Render(Load(name), new ExpressionScope { Variables = model, Now = now });

    private static string Load(string name)
    {
        var assembly = typeof(ReportTemplates).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Report template {name} is not embedded.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
