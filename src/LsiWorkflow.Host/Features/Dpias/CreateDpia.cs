using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Dpias;

/// <summary>A joint DPIA has no project; a format DPIA belongs to exactly one project.</summary>
[Allowed(Policies.CanManageDomain)]
public sealed record CreateDpia(Actor Actor, DpiaKind Kind, string Title, Guid? ProjectId, string? Reason) : ICommand<DpiaView>, IActorMessage;

public sealed class CreateDpiaHandler(LsiDbContext db, AuditTrail audit, DpiaChanges dpias) : ICommandHandler<CreateDpia, DpiaView>
{
    public async ValueTask<DpiaView> Handle(CreateDpia command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Title))
        {
            throw new InvalidRequestException("Een DPIA heeft een titel nodig.");
        }

        Dpia dpia;
        if (command.Kind == DpiaKind.ProjectFormat)
        {
            var projectId = command.ProjectId ?? throw new InvalidRequestException("Een format-DPIA hoort bij een project: geef het project op.");
            var project = await db.Set<Project>().SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken)
                ?? throw new NotFoundException($"Project {projectId} bestaat niet.");
            if (await db.Set<Dpia>().AnyAsync(d => d.ProjectId == projectId, cancellationToken))
            {
                throw new ConflictException("DPIA bestaat al", "Dit project heeft al een eigen (format)DPIA.");
            }

            dpia = Dpia.ForProject(project, command.Title.Trim());
        }
        else
        {
            if (command.ProjectId is not null)
            {
                throw new InvalidRequestException("Een gezamenlijke DPIA geldt voor alle projecten van haar soort en hoort niet bij één project.");
            }

            dpia = Dpia.Joint(command.Kind, command.Title.Trim());
        }

        db.Add(dpia);
        audit.Record(command.Actor, "DpiaCreated", dpia, AuditTrail.AsJson(new { kind = dpia.Kind.ToString(), dpia.Title }), command.Reason, dpia.ProjectId);
        await db.SaveChangesAsync(cancellationToken);
        return await dpias.ViewAsync(dpia, cancellationToken);
    }
}
