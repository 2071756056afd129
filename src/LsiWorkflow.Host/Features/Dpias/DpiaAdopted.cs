using LsiWorkflow.Domain;
using Mediator;

namespace LsiWorkflow.Host.Features.Dpias;

/// <summary>
/// Published after an adoption is committed; <see cref="RaiseDpiaCompleted"/> turns it into the workflows'
/// DpiaCompleted event so projects waiting at the DPIA gate continue.
/// </summary>
public sealed record DpiaAdopted(Guid DpiaId, DpiaKind Kind, Guid? ProjectId) : INotification;
