using System.Text.Json.Nodes;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Tasks;

/// <summary>The inbox: tasks listed, read, decided, claimed, handed over and moved; saved views and absences.</summary>
public static class TasksFeature
{
    public sealed record CompleteBody(string Outcome, string? Comment, JsonObject? FormValues);

    public sealed record ReassignBody(string UserName);

    public sealed record DueDateBody(DateTimeOffset DueAt);

    public sealed record SaveViewBody(string Name, TaskFilter Filter);

    public sealed record AbsenceBody(string SubstituteUserName, string? UserName);

    public static IServiceCollection AddTasks(this IServiceCollection services) =>
        services.AddSingleton<LsiWorkflow.Runtime.ITaskDecisionRules, TaskDecisionRules>();

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Taken").RequireAuthorization(Policies.CanCompleteTasksOfOwnOrganisation);
        tasks.MapGet("/", (Actor actor, IMediator m, CancellationToken ct, TaskScope? scope, bool? overdue, bool? dueThisWeek, string? definitionId,
                TaskStatus? status, TaskSort? sort, int? take, Guid? projectId) =>
                m.Send(new ListOpenTasks(actor, take ?? 200, new TaskFilter(
                    scope ?? TaskScope.Visible, overdue ?? false, dueThisWeek ?? false, definitionId, status ?? TaskStatus.Open, sort ?? TaskSort.DueDate, projectId)), ct))
            .WithSummary("Taken voor u, uw rol of uw organisatie (standaard de open), te filteren en te sorteren.");
        tasks.MapGet("/{taskId:guid}", (Guid taskId, Actor actor, IMediator m, CancellationToken ct) => m.Send(new GetTask(taskId, actor), ct))
            .WithSummary("Eén taak.");
        tasks.MapPost("/{taskId:guid}/complete", async (Guid taskId, CompleteBody body, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new DecideTask(taskId, body.Outcome, body.Comment, body.FormValues, actor), ct)))
            .WithSummary("Rondt een taak af met een uitkomst (en een toelichting waar die verplicht is).");
        tasks.MapGet("/{taskId:guid}/page", (Guid taskId, Actor actor, IMediator m, CancellationToken ct) => m.Send(new GetTaskPage(taskId, actor), ct))
            .WithSummary("Eén taak met haar werkstroom, variabelen, project, geschiedenis en wat u ermee mag.");
        tasks.MapPost("/{taskId:guid}/claim", async (Guid taskId, Actor actor, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new ClaimTask(taskId, actor), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Pakt een taak van uw organisatie op: collega's zien dat u haar behandelt.");
        tasks.MapPost("/{taskId:guid}/release", async (Guid taskId, Actor actor, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new ReleaseTask(taskId, actor), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Geeft een opgepakte taak vrij aan de organisatie.");
        tasks.MapPost("/{taskId:guid}/reassign", async (Guid taskId, ReassignBody body, Actor actor, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new ReassignTask(taskId, body.UserName, actor), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Draagt een taak over aan een collega binnen de organisatie.");
        tasks.MapPut("/{taskId:guid}/due-date", async (Guid taskId, DueDateBody body, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ChangeTaskDueDate(taskId, body.DueAt, actor), ct)))
            .WithSummary("Verplaatst de uiterste datum (secretariaat); herinneringen en escalatie schuiven mee.");

        var inbox = app.MapGroup("/api/inbox").WithTags("Taken").RequireAuthorization(Policies.CanCompleteTasksOfOwnOrganisation);
        inbox.MapGet("/views", (Actor actor, IMediator m, CancellationToken ct) => m.Send(new ListTaskViews(actor), ct))
            .WithSummary("Uw opgeslagen weergaven van de takenlijst.");
        inbox.MapPut("/views", async (SaveViewBody body, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SaveTaskView(body.Name, body.Filter, actor), ct)))
            .WithSummary("Slaat een filter op onder een naam (dezelfde naam vervangt).");
        inbox.MapDelete("/views/{id:guid}", async (Guid id, Actor actor, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteTaskView(id, actor), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Verwijdert een opgeslagen weergave.");
        inbox.MapPost("/absence", async (AbsenceBody body, Actor actor, IMediator m, CancellationToken ct) =>
            {
                return TypedResults.Ok(await m.Send(new StartAbsence(body.UserName ?? actor.UserName, body.SubstituteUserName, actor), ct));
            })
            .WithSummary("Meldt u (of als secretariaat iemand) afwezig; taken gaan naar de vervanger.");
        inbox.MapDelete("/absence", async (string? userName, Actor actor, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new EndAbsence(userName ?? actor.UserName, actor), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Beëindigt een afwezigheid.");

        return app;
    }
}
