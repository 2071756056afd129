using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Commitments;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Features.Planning;
using LsiWorkflow.Host.Features.Projects;
using LsiWorkflow.Host.Features.Recommendations;
using LsiWorkflow.Host.Shared.Api;
namespace LsiWorkflow.Host.Features.Reporting;

/// <summary>The lists of the ministry pages as CSV, with the same columns and words the pages show.</summary>
public static class ListExports
{
    public static byte[] Milestones(IEnumerable<MilestoneView> milestones) => Csv.Write(
        ["Mijlpaal", "Onderwerp", "Gepland", "Werkelijk", "Status", "Regel", "Open taken", "Organisaties"],
        milestones.Select(m => Row(m.Name, Labels.Subject(m.Subject), m.PlannedOn, m.ActualOn, m.StatusLabel, m.Rule, m.OpenTasks,
            m.Organisations.Count == 0 ? "alle partners" : string.Join(", ", m.Organisations))));

    public static byte[] Agenda(MultiYearPlanView plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var themes = plan.Themes.ToDictionary(t => t.Id, t => t.Name);
        return Csv.Write(
            ["Jaar", "Agendapunt", "Thema", "Gepland", "Gereed op", "Status", "Regel"],
            plan.Agenda.Select(a => Row(a.Year, a.Title, a.ThemeId is { } theme ? themes.GetValueOrDefault(theme) : null, a.PlannedOn, a.CompletedOn, a.StatusLabel, a.Rule)));
    }

    public static byte[] Commitments(IEnumerable<CommitmentView> commitments) => Csv.Write(
        ["Toezegging", "Bron", "Uiterlijk", "Status", "Nagekomen op", "Te laat", "Nog open"],
        commitments.Select(c => Row(c.Text, c.SourceLetter, c.DueOn, c.Status == CommitmentStatus.Fulfilled ? "nagekomen" : "open", c.FulfilledOn, c.IsLate,
            string.Join(" | ", c.Outstanding))));

    public static byte[] Recommendations(EvaluationView evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return Csv.Write(
            ["Aanbeveling", "Titel", "Actie", "Eigenaar", "Uiterlijk", "Status", "Besluit"],
            evaluation.Recommendations.SelectMany(r => r.Actions.Count == 0
                ? [Row(r.Number, r.Title, null, null, null, null, null)]
                : r.Actions.Select(a => Row(r.Number, r.Title, a.Description, a.Owner, a.DueOn, Labels.FollowUp(a.Status), a.Decision))));
    }

    public static byte[] Projects(IEnumerable<ProjectDetails> projects) => Csv.Write(
        ["Project", "Soort", "Status", "Gemeente", "Voorgesteld", "Volgende stap", "Poort", "Redenen"],
        projects.Select(p => Row(p.Name, Labels.Kind(p.Kind), Labels.Status(p.Status), p.Municipality, p.ProposedOn,
            p.NextTransition is { } next ? Labels.Transition(next.Transition) : null,
            Labels.Gate(p), p.NextTransition is { } t ? string.Join(" | ", t.Reasons.Select(r => r.Message)) : null)));

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}
