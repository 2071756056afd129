using System.Text.RegularExpressions;

namespace LsiWorkflow.Domain;

public enum EvaluationStatus
{
    Planned,
    Commissioned,
    ReportReceived,
    Completed,
}

/// <summary>One five-yearly evaluation of a convenant: who evaluated what, the report, and its recommendations.</summary>
public sealed partial class Evaluation : Entity
{
    private Evaluation()
    {
    }

    public Evaluation(Guid covenantId, int firstYear, int lastYear, Guid? id = null)
        : base(id)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastYear, firstYear);
        CovenantId = covenantId;
        FirstYear = firstYear;
        LastYear = lastYear;
    }

    public Guid CovenantId { get; private set; }

    public int FirstYear { get; private set; }

    public int LastYear { get; private set; }

    public string? Evaluator { get; private set; }

    public List<string> FocusPoints { get; private set; } = [];

    public string? ReportReference { get; private set; }

    public EvaluationStatus Status { get; private set; }

    /// <summary>All recommendations, top-level and sub-items alike; a sub-item points at its parent.</summary>
    public List<Recommendation> Recommendations { get; private set; } = [];

    public void Commission(string evaluator, IEnumerable<string> focusPoints)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(evaluator);
        ArgumentNullException.ThrowIfNull(focusPoints);
        RequireStatus(EvaluationStatus.Planned);
        Evaluator = evaluator;
        FocusPoints = [.. focusPoints];
        Status = EvaluationStatus.Commissioned;
    }

    public void ReceiveReport(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        RequireStatus(EvaluationStatus.Commissioned);
        ReportReference = reference;
        Status = EvaluationStatus.ReportReceived;
    }

    public void Complete()
    {
        RequireStatus(EvaluationStatus.ReportReceived);
        Status = EvaluationStatus.Completed;
    }

    /// <summary>Numbers follow the letter: "1", "2", "2a". A lettered number belongs under the plain one, which must exist.</summary>
    public Recommendation AddRecommendation(string number, string title, Guid? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        var match = NumberPattern().Match(number);
        if (!match.Success)
        {
            throw new ArgumentException($"'{number}' is geen aanbevelingsnummer zoals '2' of '2a'.", nameof(number));
        }

        if (Find(number) is not null)
        {
            throw new DomainRuleException($"Aanbeveling {number} bestaat al.");
        }

        Guid? parentId = null;
        if (match.Groups["letter"].Success)
        {
            var parentNumber = match.Groups["main"].Value;
            parentId = (Find(parentNumber) ?? throw new DomainRuleException($"Aanbeveling {number} hoort bij aanbeveling {parentNumber}, die nog niet bestaat.")).Id;
        }

        var recommendation = new Recommendation(number, title, parentId, id);
        Recommendations.Add(recommendation);
        return recommendation;
    }

    public Recommendation? Find(string number) => Recommendations.FirstOrDefault(r => r.Number == number);

    public IEnumerable<Recommendation> ChildrenOf(Recommendation parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return Recommendations.Where(r => r.ParentId == parent.Id);
    }

    private void RequireStatus(EvaluationStatus status)
    {
        if (Status != status)
        {
            throw new DomainRuleException($"De evaluatie heeft status '{Dutch.Of(Status)}' en niet '{Dutch.Of(status)}'.");
        }
    }

    [GeneratedRegex("^(?<main>[1-9][0-9]*)(?<letter>[a-z])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
