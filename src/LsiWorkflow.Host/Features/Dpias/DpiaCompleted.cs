using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Gates;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Dpias;

/// <summary>
/// The workflow event an adopted DPIA raises, and its correlation key: the joint DPIAs by kind
/// ("joint-area-based"), a format DPIA by its project ("project:{id}").
/// </summary>
public static class DpiaCompleted
{
    public const string EventName = "DpiaCompleted";

    public static string KeyFor(DpiaKind kind, Guid? projectId) => kind switch
    {
        DpiaKind.JointAreaBased => "joint-area-based",
        DpiaKind.JointPhenomenonBased => "joint-phenomenon-based",
        _ => $"project:{projectId}",
    };

    /// <summary>The event that can lift a refusal of the DPIA gates, or null when no DPIA gate refused.</summary>
    public static string? KeyAwaitedBy(GateResult result, Guid projectId) =>
        result.Reasons.Select(r => r.Gate).FirstOrDefault(IsDpiaGate) switch
        {
            "JointAreaBasedDpiaAdopted" => KeyFor(DpiaKind.JointAreaBased, null),
            "PhenomenonProjectHasOwnDpia" => KeyFor(DpiaKind.ProjectFormat, projectId),
            _ => null,
        };

    private static bool IsDpiaGate(string gate) =>
        gate == ProjectGates.JointAreaBasedDpiaAdopted.Name || gate == ProjectGates.PhenomenonProjectHasOwnDpia.Name;
}

/// <summary>Blocked projects continue by themselves: an adoption resumes every instance waiting for it.</summary>
public sealed class RaiseDpiaCompleted(ISender sender, ILogger<RaiseDpiaCompleted> log) : INotificationHandler<DpiaAdopted>
{
    public async ValueTask Handle(DpiaAdopted notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var key = DpiaCompleted.KeyFor(notification.Kind, notification.ProjectId);
        var payload = new JsonObject
        {
            ["dpiaId"] = notification.DpiaId,
            ["kind"] = notification.Kind.ToString(),
            ["projectId"] = notification.ProjectId,
        };
        try
        {
            var raised = await sender.Send(new RaiseEvent(DpiaCompleted.EventName, key, payload, Actor.System), cancellationToken);
            log.LogInformation("DPIA {DpiaId} adopted: {Count} waiting workflow(s) resumed ({Key})", notification.DpiaId, raised.InstancesResumed, key);
        }
#pragma warning disable CA1031 // the adoption is committed; a failed resume must not turn it into an error for the caller
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            log.LogError(ex, "DPIA {DpiaId} adopted, but resuming the workflows waiting for {Event} ({Key}) failed; raise the event again via /api/events",
                notification.DpiaId, DpiaCompleted.EventName, key);
        }
    }
}
