using System.Text.Json.Nodes;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>Shortcuts for workflow tests: publish, start, look at tasks and timers, fire what is due.</summary>
public static class WorkflowKit
{
    public static readonly Actor Secretary = new("secretaris", "SZW", new HashSet<string> { "Secretary" });

    public static Task<T> SendAsync<T>(this HostFixture host, Mediator.IRequest<T> request) =>
        host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(request).AsTask());

    public static Task<T> SendAsync<T>(this HostFixture host, ICommand<T> command) =>
        host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(command).AsTask());

    public static Task<T> SendAsync<T>(this HostFixture host, IQuery<T> query) =>
        host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(query).AsTask());

    public static async Task<DefinitionPublished> PublishAsync(this HostFixture host, string json)
    {
        var draft = await host.SendAsync(new SaveDraft(json, null, Secretary));
        return await host.SendAsync(new PublishDefinition(draft.DefinitionId, Secretary));
    }

    public static async Task<Guid> StartAsync(this HostFixture host, string definitionId, JsonObject? input = null, string? correlationKey = null) =>
        (await host.SendAsync(new StartInstance(definitionId, null, input, correlationKey, Secretary))).InstanceId;

    public static Task<List<TaskRecord>> TasksAsync(this HostFixture host, Guid instanceId) =>
        host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Set<TaskRecord>().AsNoTracking()
            .Where(t => t.InstanceId == instanceId).OrderBy(t => t.Organisation).ToListAsync());

    public static Task<InstanceRecord> InstanceAsync(this HostFixture host, Guid instanceId) =>
        host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Set<InstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == instanceId));

    public static Task<List<TimerRecord>> TimersAsync(this HostFixture host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Set<TimerRecord>().AsNoTracking().OrderBy(t => t.DueAt).ToListAsync());

    public static Task<List<JournalRecord>> JournalAsync(this HostFixture host, Guid instanceId) =>
        host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Set<JournalRecord>().AsNoTracking()
            .Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync());

    public static Task<int> FireDueTimersAsync(this HostFixture host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<DueTimers>().FireAllDueAsync(CancellationToken.None));

    /// <summary>Waits until the instance reaches a status; background work (outbox jobs) may still be under way.</summary>
    public static async Task<InstanceRecord> WaitForStatusAsync(this HostFixture host, Guid instanceId, string status, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var instance = await host.InstanceAsync(instanceId);
            if (instance.Status == status || DateTime.UtcNow > until)
            {
                return instance;
            }
            await Task.Delay(100);
        }
    }
}
