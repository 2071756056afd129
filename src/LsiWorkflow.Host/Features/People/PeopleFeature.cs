using System.Security.Claims;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.People;

/// <summary>
/// People and organisations administered in the product: invitations, organisation and roles, disabling, removal,
/// unlocking, and the audit of it all (administrators only); and each person's own password and sessions.
/// </summary>
public static class PeopleFeature
{
    public sealed record InviteRequest(string Email, string DisplayName, string Organisation, IReadOnlyList<string> Roles, string? UserName);

    public sealed record ChangeRequest(string Organisation, IReadOnlyList<string> Roles, string? DisplayName, string? Reason);

    public sealed record AcceptInvitationRequest(Guid PersonId, string Token, string Password);

    public sealed record PasswordRequest(string CurrentPassword, string NewPassword);

    public sealed record OrganisationRequest(string Code, string Name, OrganisationKind Kind);

    public sealed record RenameRequest(string Name, string? Reason);

    public sealed record LeaveRequest(DateOnly? LeftOn, string? Reason);

    public static IServiceCollection AddPeople(this IServiceCollection services) =>
        services.AddScoped<PeopleAdministration>().AddScoped<Invitations>();

    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("Beheer").RequireAuthorization(Policies.CanAdministerSystem)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        people.MapGet("/", async (Actor actor, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListPeople(actor), ct)))
            .WithSummary("Alle personen met organisatie, rollen, laatste aanmelding en of ze geblokkeerd of uitgeschakeld zijn.");
        people.MapGet("/audit", async (Actor actor, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListAdministrationAudit(actor), ct)))
            .WithSummary("De auditregels van het beheer van personen en organisaties, nieuwste eerst.");
        people.MapGet("/audit.csv", async (Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.File(await sender.Send(new ExportAdministrationAudit(actor), ct), Csv.ContentType, "beheer-audit.csv"))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("De auditregels van het beheer als CSV.");
        people.MapPost("/", async (InviteRequest body, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new InvitePerson(actor, body.Email, body.DisplayName, body.Organisation, body.Roles ?? [], body.UserName), ct)))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Nodigt een persoon uit: account zonder wachtwoord, en een mail met een eenmalige link om er een te kiezen.");
        people.MapPut("/{id:guid}", async (Guid id, ChangeRequest body, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangePerson(actor, id, body.Organisation, body.Roles ?? [], body.DisplayName, body.Reason), ct)))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Wijzigt organisatie, rollen of naam; de sessies en tokens van de persoon eindigen.");
        people.MapPost("/{id:guid}/disable", async (Guid id, ReasonBody? body, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DisablePerson(actor, id, body?.Reason), ct)))
            .WithSummary("Schakelt een account uit: alle sessies en tokens eindigen, aanmelden kan niet meer.");
        people.MapPost("/{id:guid}/enable", async (Guid id, ReasonBody? body, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new EnablePerson(actor, id, body?.Reason), ct)))
            .WithSummary("Schakelt een account weer in.");
        people.MapPost("/{id:guid}/unlock", async (Guid id, ReasonBody? body, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UnlockPerson(actor, id, body?.Reason), ct)))
            .WithSummary("Heft de blokkade na te veel mislukte aanmeldpogingen op.");
        people.MapDelete("/{id:guid}", async (Guid id, string? reason, Actor actor, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RemovePerson(actor, id, reason), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Verwijdert een account; besluiten en auditregels houden de naam waaronder ze zijn vastgelegd.");

        var organisations = app.MapGroup("/api/organisations").WithTags("Beheer").RequireAuthorization(Policies.CanAdministerSystem)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        organisations.MapGet("/", async (Actor actor, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListOrganisations(actor), ct)))
            .WithSummary("De organisaties van de samenwerking, met het aantal personen en of ze vertrokken zijn.");
        organisations.MapGet("/{id:guid}/open-tasks", async (Guid id, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListOpenTasksOfOrganisation(actor, id), ct)))
            .WithSummary("De open taken van een organisatie, om over te dragen.");
        organisations.MapPost("/", async (OrganisationRequest body, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AddOrganisation(actor, body.Code, body.Name, body.Kind), ct)))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Voegt een gemeente of andere deelnemer toe.");
        organisations.MapPut("/{id:guid}/name", async (Guid id, RenameRequest body, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RenameOrganisation(actor, id, body.Name, body.Reason), ct)))
            .WithSummary("Geeft een organisatie een nieuwe naam; de code blijft.");
        organisations.MapPost("/{id:guid}/leave", async (Guid id, LeaveRequest? body, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new MarkOrganisationLeft(actor, id, body?.LeftOn, body?.Reason), ct)))
            .WithSummary("Legt vast dat een organisatie de samenwerking verlaten heeft, en noemt haar open taken om over te dragen.");

        app.MapPost("/api/auth/invitation", async (AcceptInvitationRequest body, Actor actor, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new AcceptInvitation(actor, body.PersonId, body.Token, body.Password), ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .WithTags("Aanmelden")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Kiest het wachtwoord met de eenmalige link van een uitnodiging.");

        var me = app.MapGroup("/api/me").WithTags("Aanmelden").RequireAuthorization();
        me.MapGet("/sessions", async (ClaimsPrincipal user, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListOwnSessions(actor, SessionCheck.SessionId(user)), ct)))
            .WithSummary("Uw actieve sessies: browsers en API-tokens.");
        me.MapDelete("/sessions/{id:guid}", async (Guid id, Actor actor, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new EndOwnSession(actor, id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Beëindigt een van uw sessies.");
        me.MapPost("/password", async (PasswordRequest body, Actor actor, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ChangeOwnPassword(actor, body.CurrentPassword, body.NewPassword), ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Wijzigt uw wachtwoord (het huidige is nodig); al uw sessies en tokens eindigen, deze ook.");
        return app;
    }

    public sealed record ReasonBody(string? Reason);
}
