using System.Text.Json;
using System.Text.Json.Serialization;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Tasks;

public sealed record TaskViewItem(Guid Id, string Name, TaskFilter Filter);

internal static class TaskViewJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}

/// <summary>Saves the actor's filter under a name; saving a name again replaces it.</summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record SaveTaskView(string Name, TaskFilter Filter, Actor Actor) : ICommand<TaskViewItem>, IActorMessage;

public sealed class SaveTaskViewHandler(LsiDbContext db, TimeProvider time) : ICommandHandler<SaveTaskView, TaskViewItem>
{
    public async ValueTask<TaskViewItem> Handle(SaveTaskView command, CancellationToken cancellationToken)
    {
        var name = command.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            throw new InvalidRequestException("Geef de weergave een naam van hoogstens 100 tekens.");
        }
        var view = await db.Set<SavedTaskView>().SingleOrDefaultAsync(v => v.UserName == command.Actor.UserName && v.Name == name, cancellationToken);
        if (view is null)
        {
            view = new SavedTaskView { Id = Guid.NewGuid(), UserName = command.Actor.UserName, Name = name, Filter = "{}", CreatedAt = time.GetUtcNow() };
            db.Add(view);
        }
        view.Filter = JsonSerializer.Serialize(command.Filter, TaskViewJson.Options);
        await db.SaveChangesAsync(cancellationToken);
        return new TaskViewItem(view.Id, view.Name, command.Filter);
    }
}

/// <summary>The actor's saved views, by name.</summary>
[Allowed(Policies.CanOpenInbox)]
public sealed record ListTaskViews(Actor Actor) : IQuery<IReadOnlyList<TaskViewItem>>, IActorMessage;

public sealed class ListTaskViewsHandler(LsiDbContext db) : IQueryHandler<ListTaskViews, IReadOnlyList<TaskViewItem>>
{
    public async ValueTask<IReadOnlyList<TaskViewItem>> Handle(ListTaskViews query, CancellationToken cancellationToken)
    {
        var views = await db.Set<SavedTaskView>().AsNoTracking().Where(v => v.UserName == query.Actor.UserName)
            .OrderBy(v => v.Name).ToListAsync(cancellationToken);
        return [.. views.Select(v => new TaskViewItem(v.Id, v.Name, JsonSerializer.Deserialize<TaskFilter>(v.Filter, TaskViewJson.Options) ?? new TaskFilter()))];
    }
}

/// <summary>Removes one of the actor's own saved views.</summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record DeleteTaskView(Guid Id, Actor Actor) : ICommand, IActorMessage;

public sealed class DeleteTaskViewHandler(LsiDbContext db) : ICommandHandler<DeleteTaskView>
{
    public async ValueTask<Unit> Handle(DeleteTaskView command, CancellationToken cancellationToken)
    {
        var deleted = await db.Set<SavedTaskView>().Where(v => v.Id == command.Id && v.UserName == command.Actor.UserName)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? throw new NotFoundException($"Weergave {command.Id} bestaat niet.") : Unit.Value;
    }
}
