using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Features.Tasks;

public sealed class InboxBrowserTests(HostFixture host) : InboxTest(host)
{
    [Fact]
    public async Task A_uwv_partner_approves_a_task_with_a_comment_and_a_rejection_without_one_is_refused()
    {
        await PublishApprovalAsync("UWV");
        var instanceId = await StartAsync("Wijkaanpak Zuid");
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, PartnerUwv, HostFixture.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mijn taken" }).ClickAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        var row = page.GetByTestId("task-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link, new() { Name = "Keur project Wijkaanpak Zuid goed" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-title")).ToHaveTextAsync("Keur project Wijkaanpak Zuid goed");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);

        // Rejecting without a comment: refused in plain words, nothing decided.
        await page.GetByTestId("outcome-Afwijzen").ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-message")).ToContainTextAsync("toelichting");
        Assert.Equal(LsiWorkflow.Runtime.Persistence.TaskStatus.Open, (await TaskOfAsync(instanceId, "UWV")).Status);

        await page.FillAsync("#task-comment", "Akkoord, mits de DPIA wordt gevolgd.");
        await page.GetByTestId("outcome-Goedkeuren").ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-done")).ToContainTextAsync("Keur project Wijkaanpak Zuid goed");
        await Assertions.Expect(page.GetByTestId("no-tasks")).ToBeVisibleAsync();

        var task = await TaskOfAsync(instanceId, "UWV");
        Assert.Equal(("Goedkeuren", "Akkoord, mits de DPIA wordt gevolgd.", PartnerUwv), (task.Outcome, task.Comment, task.CompletedBy));
        var instance = await DbAsync(db => db.Set<InstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == instanceId));
        Assert.Equal("Finished", instance.Status);
    }
}
