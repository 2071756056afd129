namespace LsiWorkflow.Domain;

/// <summary>The kinds the public page groups by; a workflow may publish another kind, which is shown as given.</summary>
public static class PublicationKinds
{
    public const string Covenant = "Convenant";
    public const string Dpia = "DPIA";
    public const string EvaluationReport = "Evaluatierapport";
    public const string LetterToParliament = "Kamerbrief";

    public static IReadOnlyList<string> Known { get; } = [Covenant, Dpia, EvaluationReport, LetterToParliament];
}

/// <summary>
/// A document the LSI made public. It is never deleted: withdrawing keeps the row, with when and why,
/// because the public must be able to see that something was published and later withdrawn.
/// </summary>
public sealed class Publication : Entity
{
    public const int TitleLength = 300;
    public const int KindLength = 40;
    public const int ReferenceLength = 500;
    public const int SummaryLength = 4000;

    private Publication()
    {
    }

    public Publication(string title, string kind, string? summary, string? reference, DateTimeOffset publishedAt, string publishedBy, Guid? id = null)
        : base(id)
    {
        Title = Required(title, TitleLength, "De titel");
        Kind = Required(kind, KindLength, "De soort");
        Summary = Optional(summary, SummaryLength, "De samenvatting");
        Reference = Optional(reference, ReferenceLength, "De vindplaats");
        ArgumentException.ThrowIfNullOrWhiteSpace(publishedBy);
        PublishedAt = publishedAt;
        PublishedBy = publishedBy;
    }

    public string Title { get; private set; } = "";

    /// <summary>Convenant, DPIA, Evaluatierapport, Kamerbrief (see <see cref="PublicationKinds"/>), or another kind a workflow gives.</summary>
    public string Kind { get; private set; } = "";

    public string? Summary { get; private set; }

    /// <summary>Where the document itself is found: a Staatscourant number, a Kamerstuk, a web address.</summary>
    public string? Reference { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public string PublishedBy { get; private set; } = "";

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawnBy { get; private set; }

    public string? WithdrawalReason { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>The Woo information category (see <see cref="WooCategories"/>) under which the document is public.</summary>
    public string? InformationCategory { get; private set; }

    /// <summary>The document's own file, when one was uploaded; its bytes are a <see cref="PublicationFile"/>.</summary>
    public string? FileName { get; private set; }

    public string? ContentType { get; private set; }

    public long? FileSize { get; private set; }

    public void Categorise(string? informationCategory)
    {
        if (string.IsNullOrWhiteSpace(informationCategory))
        {
            InformationCategory = null;
            return;
        }

        InformationCategory = WooCategories.All.FirstOrDefault(c => string.Equals(c, informationCategory.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{informationCategory}' is geen informatiecategorie van de Woo.");
    }

    /// <summary>Checks the file by its bytes and returns what to store; the publication keeps its name, type and size.</summary>
    public PublicationFile AttachDocument(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (FileName is not null)
        {
            throw new DomainRuleException("Deze publicatie heeft al een document.");
        }

        var name = Path.GetFileName(fileName?.Trim() ?? "");
        if (name.Length is 0 or > ReferenceLength)
        {
            throw new ArgumentException("Het bestand heeft geen bruikbare naam.");
        }

        var format = DocumentFormats.Check(name, content);
        FileName = name;
        ContentType = format.ContentType;
        FileSize = content.Length;
        return new PublicationFile(Id, content);
    }

    /// <summary>The reason is public: a withdrawal without one would leave readers guessing.</summary>
    public void Withdraw(DateTimeOffset at, string by, string reason)
    {
        if (IsWithdrawn)
        {
            throw new DomainRuleException($"Deze publicatie is al ingetrokken op {WithdrawnAt:dd-MM-yyyy}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        WithdrawalReason = Required(reason, SummaryLength, "De reden van intrekking");
        WithdrawnAt = at;
        WithdrawnBy = by;
    }

    private static string Required(string? value, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} is verplicht.");
        }

        return Optional(value, maxLength, what)!;
    }

    private static string? Optional(string? value, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= maxLength ? trimmed : throw new ArgumentException($"{what} is langer dan {maxLength} tekens.");
    }
}
