using System.Net.Http.Json;
using System.Text.Json;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Designer;

public sealed class DefinitionVersionsTests(HostFixture host) : HostTest(host)
{
    private static readonly Actor Anna = new("anna", "SZW", new HashSet<string> { Roles.Secretary });

    private static string Approval(string name, string organisation) => $$"""
        { "schemaVersion": 1, "id": "akkoord", "name": "{{name}}", "version": 1, "variables": [],
          "activities": [ { "id": "start", "type": "Start" },
                          { "id": "review", "type": "HumanTask", "properties": { "title": "Akkoord?", "assignee": { "organisations": ["{{organisation}}"] }, "outcomes": ["Akkoord"] } },
                          { "id": "end", "type": "End" } ],
          "connections": [ { "source": "start", "target": "review" }, { "source": "review", "outcome": "Akkoord", "target": "end" } ] }
        """;

    [Fact]
    public async Task Rolling_back_makes_an_earlier_version_the_draft_and_the_comparison_shows_what_differed()
    {
        await SendAsync(new SaveDraft(Approval("Eerste", "UWV"), null, Anna));
        await SendAsync(new PublishDefinition("akkoord", Anna));
        await SendAsync(new SaveDraft(Approval("Tweede", "SVB"), null, Anna));
        await SendAsync(new PublishDefinition("akkoord", Anna));

        var changes = await SendAsync(new CompareVersions(Actors.Secretary, "akkoord", 1, 2));
        Assert.Contains(changes, c => c is { Kind: ChangeKind.Changed, Subject: DefinitionComparison.Activity, Key: "review", Detail: "eigenschappen assignee" });
        Assert.Contains(changes, c => c is { Kind: ChangeKind.Changed, Key: "naam" });

        var draft = await SendAsync(new RollBackDefinition("akkoord", 1, null, Anna));

        Assert.Equal(3, draft.Version);
        var stored = await SendAsync(new GetDefinition(Actors.Secretary, "akkoord"));
        Assert.Equal((DefinitionStatus.Draft, "Eerste"), (stored.Status, stored.Name));
        Assert.Equal(DefinitionStatus.Published, (await SendAsync(new GetDefinition(Actors.Secretary, "akkoord", 2))).Status);
        Assert.DoesNotContain(await SendAsync(new CompareVersions(Actors.Secretary, "akkoord", 1, 3)), c => c.Subject == DefinitionComparison.Activity);
        // Rolling back over a draft needs that draft's row version, like any save.
        await Assert.ThrowsAsync<ConflictException>(() => SendAsync(new RollBackDefinition("akkoord", 2, null, Anna)));
    }

    [Fact]
    public async Task The_instance_list_filters_on_the_organisation_role_or_user_an_open_task_waits_on()
    {
        await SendAsync(new SaveDraft(Approval("Akkoord", "UWV"), null, Anna));
        await SendAsync(new PublishDefinition("akkoord", Anna));
        var started = await SendAsync(new StartInstance("akkoord", null, null, null, Anna));

        Assert.Equal([started.InstanceId], (await SendAsync(new ListInstances(Actors.Secretary, WaitingOn: "UWV"))).Select(i => i.Id));
        Assert.Empty(await SendAsync(new ListInstances(Actors.Secretary, WaitingOn: "SVB")));
        Assert.Single(await SendAsync(new ListInstances(Actors.Secretary, WaitingOn: " ")));

        await Host.CreateUserAsync("anna", "SZW", Roles.Secretary);
        using var client = await Host.ClientForAsync("anna");
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/instances?waitingOn=UWV");
        Assert.Equal([started.InstanceId], listed.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/instances?waitingOn=SVB")).EnumerateArray());
    }

    private Task<T> SendAsync<T>(IQuery<T> query) => Host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(query).AsTask());

    private Task<T> SendAsync<T>(ICommand<T> command) => Host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(command).AsTask());
}
