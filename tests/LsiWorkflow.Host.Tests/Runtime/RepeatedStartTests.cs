using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Runtime;

/// <summary>A client whose start lost its answer (the host died after committing) starts again with the same instance id.</summary>
public sealed class RepeatedStartTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task A_start_repeated_with_the_same_instance_id_makes_one_instance_and_one_task()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        await Host.PublishAsync(Definitions.Approval("opnieuw", "UWV"));
        using var client = await Host.ClientForAsync("secretaris");
        var instanceId = Guid.NewGuid();

        for (var i = 0; i < 2; i++)
        {
            var response = await client.PostAsJsonAsync("/api/instances/opnieuw", new { instanceId });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal(instanceId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetGuid());
        }

        var instances = await Host.InScopeAsync(services => services.GetRequiredService<LsiWorkflow.Host.Shared.Persistence.LsiDbContext>()
            .Set<InstanceRecord>().AsNoTracking().CountAsync(r => r.DefinitionId == "opnieuw"));
        Assert.Equal(1, instances);
        Assert.Single(await Host.TasksAsync(instanceId));
    }

    [Fact]
    public async Task The_same_start_sent_twice_at_once_makes_one_instance_and_both_callers_succeed()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        await Host.PublishAsync(Definitions.Approval("tegelijk", "UWV"));
        using var first = await Host.ClientForAsync("secretaris");
        using var second = await Host.ClientForAsync("secretaris");

        for (var trial = 0; trial < 20; trial++)
        {
            var instanceId = Guid.NewGuid();
            var responses = await Task.WhenAll(
                first.PostAsJsonAsync("/api/instances/tegelijk", new { instanceId }),
                second.PostAsJsonAsync("/api/instances/tegelijk", new { instanceId }));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Single(await Host.TasksAsync(instanceId));
        }

        var instances = await Host.InScopeAsync(services => services.GetRequiredService<LsiWorkflow.Host.Shared.Persistence.LsiDbContext>()
            .Set<InstanceRecord>().AsNoTracking().CountAsync(r => r.DefinitionId == "tegelijk"));
        Assert.Equal(20, instances);
    }
}
