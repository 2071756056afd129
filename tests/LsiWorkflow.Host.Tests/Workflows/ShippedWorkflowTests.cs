using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Workflows;

/// <summary>The workflows in workflows/ are valid for the host's activities and are published on start.</summary>
public sealed class ShippedWorkflowTests(HostFixture host) : HostTest(host)
{
    private static readonly string[] Ids = ["covenant-evaluation", "multi-year-plan", "project-approval", "dpia-adoption", "commitment-tracking"];

    public static TheoryData<string> ShippedIds => [.. Ids];

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public async Task A_shipped_workflow_is_valid_for_the_host_validator(string id)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(ShippedWorkflows.ShippedFolder, $"{id}.json"));
        var validator = Host.Factory.Services.GetRequiredService<EngineServices>().Validator;

        var result = validator.Validate(json);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems.Select(p => $"{p.Path}: {p.Message}")));
    }

    [Fact]
    public async Task Every_shipped_workflow_is_published_once_and_the_evaluation_cycle_is_scheduled_from_2017()
    {
        var first = await Host.InScopeAsync(services => services.GetRequiredService<ShippedWorkflows>().PublishShippedAsync(CancellationToken.None));
        var again = await Host.InScopeAsync(services => services.GetRequiredService<ShippedWorkflows>().PublishShippedAsync(CancellationToken.None));

        var (published, schedule) = await Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LsiDbContext>();
            var ids = await db.Set<DefinitionRecord>().Where(d => d.Status == DefinitionStatus.Published).Select(d => d.DefinitionId).ToListAsync();
            var timers = await db.Set<TimerRecord>().Where(t => t.StartDefinitionId != null && t.Status == TimerStatus.Pending).ToListAsync();
            return (ids, timers);
        });
        Assert.Equal(Ids.Length, first);
        Assert.Equal(0, again);
        Assert.Equal(Ids.Order(), published.Order());
        // Article 13 from 1 July 2017: 2022, then 2027, at midnight in The Hague.
        var next = Assert.Single(schedule);
        Assert.Equal("covenant-evaluation", next.StartDefinitionId);
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.FromHours(2)), next.DueAt);
    }
}
