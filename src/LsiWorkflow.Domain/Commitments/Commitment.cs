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

    public void Fulfil(DateOnly on)
    {
        if (Status == CommitmentStatus.Fulfilled)
        {
            throw new DomainRuleException("Deze toezegging is al nagekomen.");
        }

        Status = CommitmentStatus.Fulfilled;
        FulfilledOn = on;
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
