namespace LsiWorkflow.Domain;

/// <summary>Base of every entity: a Guid key, time-ordered when new, chosen by the caller when it must be stable (seed data).</summary>
public abstract class Entity
{
    // Version 7 Guids are time-ordered, which keeps PostgreSQL's primary-key indexes compact.
    protected Entity(Guid? id = null) => Id = id ?? Guid.CreateVersion7();

    public Guid Id { get; private set; }
}
