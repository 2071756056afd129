namespace LsiWorkflow.Domain;

public enum OrganisationKind
{
    Partner,
    Municipality,
    Association,
    Ministry,
    Platform,
}

/// <summary>A partner or other party of the LSI. Its key follows from its code, so references by id survive reseeding.</summary>
public sealed class Organisation : Entity
{
    private Organisation()
    {
    }

    public Organisation(string code, string name, OrganisationKind kind)
        : base(IdFor(code))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Code = code.ToUpperInvariant();
        Name = name;
        Kind = kind;
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public OrganisationKind Kind { get; private set; }

    /// <summary>The day it left the cooperation; its history stays, nobody assigns it new work.</summary>
    public DateOnly? LeftOn { get; private set; }

    public bool HasLeft => LeftOn is not null;

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void Leave(DateOnly on) => LeftOn = on;

    public void Rejoin() => LeftOn = null;

    public static Guid IdFor(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return StableId.For("organisation:" + code.ToUpperInvariant());
    }
}
