namespace LsiWorkflow.Host.Features.Designer;

/// <summary>
/// Undo and redo for the designer: snapshots of the definition JSON. Recording the snapshot that is already current
/// does nothing, so callers may record after every event without creating empty steps.
/// </summary>
public sealed class DefinitionHistory(int capacity = 200)
{
    private readonly LinkedList<string> undo = new();
    private readonly Stack<string> redo = new();

    public string Current { get; private set; } = "";

    public bool CanUndo => undo.Count > 0;

    public bool CanRedo => redo.Count > 0;

    /// <summary>Starts over from a snapshot (a definition was opened).</summary>
    public void Reset(string snapshot)
    {
        undo.Clear();
        redo.Clear();
        Current = snapshot;
    }

    /// <summary>Records a new state; returns false when nothing changed.</summary>
    public bool Record(string snapshot)
    {
        if (snapshot == Current)
        {
            return false;
        }
        undo.AddLast(Current);
        if (undo.Count > capacity)
        {
            undo.RemoveFirst();
        }
        redo.Clear();
        Current = snapshot;
        return true;
    }

    public string? Undo()
    {
        if (undo.Last is not { } previous)
        {
            return null;
        }
        undo.RemoveLast();
        redo.Push(Current);
        Current = previous.Value;
        return Current;
    }

    public string? Redo()
    {
        if (!redo.TryPop(out var next))
        {
            return null;
        }
        undo.AddLast(Current);
        Current = next;
        return Current;
    }
}
