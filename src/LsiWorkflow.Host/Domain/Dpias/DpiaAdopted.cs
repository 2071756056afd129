using LsiWorkflow.Domain;
using Mediator;

namespace LsiWorkflow.Host.Domain.Dpias;

/// <summary>
/// Published after an adoption is committed, so the workflow engine can raise its DpiaCompleted event and
/// resume projects waiting at the DPIA gate. Nobody handles it yet.
/// </summary>
// The engine will handle it; until then the generator's "no handler" warning is expected here and only here.
#pragma warning disable MSG0005
public sealed record DpiaAdopted(Guid DpiaId, DpiaKind Kind, Guid? ProjectId) : INotification;
#pragma warning restore MSG0005
