using System.Globalization;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Cooperation;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Recommendations;

public sealed record EvaluationView(
    Guid Id,
    Guid CovenantId,
    int FirstYear,
    int LastYear,
    string? Evaluator,
    IReadOnlyList<string> FocusPoints,
    string? ReportReference,
    EvaluationStatus Status,
    IReadOnlyList<RecommendationView> Recommendations);

public sealed record RecommendationView(Guid Id, string Number, string Title, string? ParentNumber, IReadOnlyList<FollowUpActionView> Actions);

public sealed record FollowUpActionView(Guid Id, string Description, string? Owner, DateOnly? DueOn, FollowUpStatus Status, string? Decision)
{
    internal static FollowUpActionView Of(FollowUpAction action, IReadOnlyDictionary<Guid, string> organisationCodes) => new(
        action.Id,
        action.Description,
        action.OwnerOrganisationId is { } owner ? organisationCodes.GetValueOrDefault(owner) : null,
        action.DueOn,
        action.Status,
        action.Decision);
}

/// <summary>One evaluation by id, or else the newest, with its recommendations in the letter's order (1; 2, 2a-2c; 3, 3a-3d; 4).</summary>
[Allowed(Policies.AnyRole)]
public sealed record GetEvaluation(Actor Actor, Guid? EvaluationId = null) : IQuery<EvaluationView>, IActorMessage;

public sealed class GetEvaluationHandler(LsiDbContext db) : IQueryHandler<GetEvaluation, EvaluationView>
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    public async ValueTask<EvaluationView> Handle(GetEvaluation query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var evaluations = db.Set<Evaluation>().AsNoTracking();
        var evaluation = query.EvaluationId is { } id
            ? await evaluations.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            : await evaluations.OrderByDescending(e => e.LastYear).FirstOrDefaultAsync(cancellationToken);
        if (evaluation is null)
        {
            throw new NotFoundException(query.EvaluationId is null ? "Er is nog geen evaluatie." : $"Evaluatie {query.EvaluationId} bestaat niet.");
        }

        var codes = await db.OrganisationCodesAsync(cancellationToken);
        var numbers = evaluation.Recommendations.ToDictionary(r => r.Id, r => r.Number);
        return new EvaluationView(
            evaluation.Id,
            evaluation.CovenantId,
            evaluation.FirstYear,
            evaluation.LastYear,
            evaluation.Evaluator,
            evaluation.FocusPoints,
            evaluation.ReportReference,
            evaluation.Status,
            [
                .. evaluation.Recommendations
                    .OrderBy(r => int.Parse(r.Number.AsSpan().TrimEnd(Letters), CultureInfo.InvariantCulture))
                    .ThenBy(r => r.Number, StringComparer.Ordinal)
                    .Select(r => new RecommendationView(
                        r.Id,
                        r.Number,
                        r.Title,
                        r.ParentId is { } parent ? numbers.GetValueOrDefault(parent) : null,
                        [.. r.FollowUpActions.OrderBy(a => a.Description, StringComparer.Ordinal).Select(a => FollowUpActionView.Of(a, codes))])),
            ]);
    }
}
