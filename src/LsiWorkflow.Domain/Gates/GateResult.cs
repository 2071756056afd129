namespace LsiWorkflow.Domain.Gates;

/// <summary>Why a gate refused: the gate's stable name and a Dutch explanation for the user.</summary>
public sealed record GateReason(string Gate, string Message);

/// <summary>The outcome of one or more gates: passed when no gate gave a reason to refuse.</summary>
public sealed class GateResult
{
    private GateResult(IReadOnlyList<GateReason> reasons) => Reasons = reasons;

    public static GateResult Pass { get; } = new([]);

    public bool Passed => Reasons.Count == 0;

    public IReadOnlyList<GateReason> Reasons { get; }

    public static GateResult Fail(string gate, string message) => new([new GateReason(gate, message)]);

    public static GateResult Combine(IEnumerable<GateResult> results) =>
        new(results.SelectMany(r => r.Reasons).ToList());

    public override string ToString() =>
        Passed ? "Pass" : string.Join(Environment.NewLine, Reasons.Select(r => $"{r.Gate}: {r.Message}"));
}
