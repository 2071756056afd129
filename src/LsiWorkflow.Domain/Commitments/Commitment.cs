namespace LsiWorkflow.Domain;

public enum CommitmentStatus
{
    Open,
    Fulfilled,
}

/// <summary>
/// A toezegging to parliament. Lateness is not a stored status: it depends on the clock,
/// so it is asked with <see cref="IsLate"/> (in SQL: open and due before today).
/// </summary>
public sealed class Commitment : Entity
{
    private Commitment()
    {
    }

    public Commitment(string text, string sourceLetter, DateOnly dueOn, Guid? id = null)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceLetter);
        Text = text;
        SourceLetter = sourceLetter;
        DueOn = dueOn;
    }

    public string Text { get; private set; } = "";

    /// <summary>The Kamerbrief in which the commitment was made.</summary>
    public string SourceLetter { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public CommitmentStatus Status { get; private set; }

    public DateOnly? FulfilledOn { get; private set; }

    public const int ResultLength = 4000;
    public const int DocumentReferenceLength = 500;

    /// <summary>What was done to keep the commitment, in words a reader of the register understands.</summary>
    public string? Result { get; private set; }

    /// <summary>Where the proof is found: a Kamerstuk, a publication, a web address.</summary>
    public string? DocumentReference { get; private set; }

    public void Fulfil(DateOnly on, string? result = null, string? documentReference = null)
    {
        if (Status == CommitmentStatus.Fulfilled)
        {
            throw new DomainRuleException("Deze toezegging is al nagekomen.");
        }

        var text = string.IsNullOrWhiteSpace(result) ? null : result.Trim();
        var document = string.IsNullOrWhiteSpace(documentReference) ? null : documentReference.Trim();
        if (text is { Length: > ResultLength } || document is { Length: > DocumentReferenceLength })
        {
            throw new ArgumentException($"Het resultaat is langer dan {ResultLength} of de vindplaats langer dan {DocumentReferenceLength} tekens.");
        }

        Status = CommitmentStatus.Fulfilled;
        FulfilledOn = on;
        Result = text;
        DocumentReference = document;
    }

    /// <summary>Moves the due date, as agreed with parliament; a fulfilled commitment keeps its date.</summary>
    public void MoveDueDate(DateOnly dueOn)
    {
        if (Status == CommitmentStatus.Fulfilled)
        {
            throw new DomainRuleException("Deze toezegging is al nagekomen; de uiterste datum verandert niet meer.");
        }

        DueOn = dueOn;
    }

    public bool IsLate(DateOnly today) => Status == CommitmentStatus.Open && today > DueOn;
}
