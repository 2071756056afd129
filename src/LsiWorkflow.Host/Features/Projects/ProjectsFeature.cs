using System.Security.Claims;
using System.Text;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LsiWorkflow.Host.Features.Projects;

public static class ProjectsFeature
{
    public static IServiceCollection AddProjects(this IServiceCollection services) =>
        services.AddScoped<ProjectTransitions>();

    public sealed record ProposeProjectRequest(
        string Name,
        ProjectKind Kind,
        string? Municipality,
        Guid? MultiYearPlanId,
        string? Reason,
        string? Description = null,
        DateOnly? PlannedStartOn = null,
        IReadOnlyList<ProjectParticipantInput>? Participants = null,
        string? PrivacyProtocolReference = null);

    public sealed record RegisterRunningRequest(
        string Name,
        ProjectKind Kind,
        string? Municipality,
        DateOnly StartedOn,
        string? Description,
        IReadOnlyList<ProjectParticipantInput>? Participants,
        string? PrivacyProtocolReference,
        string? Reason);

    public sealed record ParticipantRequest(string Organisation, bool SharesData, string? Reason);

    public sealed record PrivacyProtocolRequest(string Reference, string? Reason);

    public sealed record RejectRequest(string Reason);

    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        var projects = app.MapRegisterGroup("/api/projects", "Projecten");

        projects.MapGet("/", async (Actor actor, ProjectStatus? status, ProjectKind? kind, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListProjects(actor, status, kind), ct)))
            .WithSummary("Alle projecten met hun status en wat de poortregels van de volgende stap nu zeggen.");

        projects.MapGet("/{id:guid}", async (Actor actor, Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetProject(actor, id), ct)))
            .WithSummary("Eén project met deelnemers, adoptie, privacyprotocol, DPIA en de redenen die de volgende stap tegenhouden.");

        projects.MapPost("/", async Task<Created<ProjectDetails>> (ProposeProjectRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var project = await sender.Send(new ProposeProject(Actor.From(user), body.Name, body.Kind, body.Municipality, body.MultiYearPlanId, body.Reason,
                    body.Description, body.PlannedStartOn, body.Participants, body.PrivacyProtocolReference), ct);
                return TypedResults.Created($"/api/projects/{project.Id}", project);
            })
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Stelt een nieuw wijkgericht of fenomeengericht project voor, met deelnemers, gegevensdeling, privacyprotocol, omschrijving en geplande start.");

        projects.MapPost("/running", async Task<Created<ProjectDetails>> (RegisterRunningRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var project = await sender.Send(new RegisterRunningProject(Actor.From(user), body.Name, body.Kind, body.Municipality, body.StartedOn,
                    body.Description, body.Participants, body.PrivacyProtocolReference, body.Reason), ct);
                return TypedResults.Created($"/api/projects/{project.Id}", project);
            })
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Registreert een project dat al liep, met zijn startdatum; het loopt door zoals de Kamerbrief zegt.");

        projects.MapPost("/{id:guid}/participants", async (Guid id, ParticipantRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AddProjectParticipant(Actor.From(user), id, body.Organisation, body.SharesData, body.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Voegt een deelnemende partner toe, met of zonder gegevensdeling.");

        projects.MapPost("/{id:guid}/adopt", async (Guid id, ReasonRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AdoptProject(Actor.From(user), id, body?.Reason), ct)))
            .RequireAuthorization(Policies.CanTakeSteeringDecisions)
            .WithSummary("Het stuurgroeplid van de eigen organisatie adopteert het project.");

        projects.MapPut("/{id:guid}/privacy-protocol", async (Guid id, PrivacyProtocolRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetPrivacyProtocol(Actor.From(user), id, body.Reference, body.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .WithSummary("Legt het privacyprotocol van het project vast.");

        projects.MapPost("/{id:guid}/approve", async (Guid id, ReasonRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ApproveProject(Actor.From(user), id, body?.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Keurt het project goed; vereist adoptie door een stuurgroeplid en een privacyprotocol.");

        projects.MapPost("/{id:guid}/start", async (Guid id, ReasonRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new StartProject(Actor.From(user), id, body?.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Start het project; een wijkgericht project alleen als de gezamenlijke DPIA is vastgesteld.");

        projects.MapPost("/{id:guid}/close", async (Guid id, ReasonRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CloseProject(Actor.From(user), id, body?.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Sluit een gestart project af.");

        projects.MapPost("/{id:guid}/reject", async (Guid id, RejectRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RejectProject(Actor.From(user), id, body.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Wijst een voorgesteld of goedgekeurd project af, met reden.");

        projects.MapGet("/{id:guid}/audit.csv", async (Actor actor, Guid id, ISender sender, CancellationToken ct) =>
            {
                var csv = await sender.Send(new ExportProjectAudit(actor, id), ct);
                // With the byte-order mark, spreadsheet programs read the file as UTF-8 instead of guessing.
                var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
                return TypedResults.File(bytes, "text/csv; charset=utf-8", $"audit-project-{id}.csv");
            })
            .WithSummary("De audittrail van het project als CSV: wie, namens welke organisatie, wanneer, wat en waarom.");

        return app;
    }
}
