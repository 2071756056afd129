using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>What changed from one version of a definition to another.</summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record CompareVersions(Actor Actor, string DefinitionId, int FromVersion, int ToVersion) : IQuery<IReadOnlyList<DefinitionChange>>, IActorMessage;

public sealed class CompareVersionsHandler(IMediator mediator) : IQueryHandler<CompareVersions, IReadOnlyList<DefinitionChange>>
{
    public async ValueTask<IReadOnlyList<DefinitionChange>> Handle(CompareVersions query, CancellationToken cancellationToken)
    {
        var from = await mediator.Send(new GetDefinition(query.Actor, query.DefinitionId, query.FromVersion), cancellationToken);
        var to = await mediator.Send(new GetDefinition(query.Actor, query.DefinitionId, query.ToVersion), cancellationToken);
        return DefinitionComparison.Compare(DefinitionSerializer.Parse(from.Json), DefinitionSerializer.Parse(to.Json));
    }
}

/// <summary>
/// Makes an earlier version the content of the draft. Published versions stay as they are; the draft is saved the
/// usual way, so replacing a draft somebody else saved meanwhile is refused.
/// </summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record RollBackDefinition(string DefinitionId, int Version, uint? ExpectedDraftRowVersion, Actor Actor) : ICommand<DraftSaved>, IActorMessage;

public sealed class RollBackDefinitionHandler(IMediator mediator) : ICommandHandler<RollBackDefinition, DraftSaved>
{
    public async ValueTask<DraftSaved> Handle(RollBackDefinition command, CancellationToken cancellationToken)
    {
        var version = await mediator.Send(new GetDefinition(command.Actor, command.DefinitionId, command.Version), cancellationToken);
        return await mediator.Send(new SaveDraft(version.Json, command.ExpectedDraftRowVersion, command.Actor), cancellationToken);
    }
}
