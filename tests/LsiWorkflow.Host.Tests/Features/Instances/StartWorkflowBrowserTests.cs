using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Features.Instances;

/// <summary>Any published workflow starts from a form made from its Start inputs.</summary>
public sealed class StartWorkflowBrowserTests(HostFixture host) : DomainTest(host)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.InScopeAsync(services => services.GetRequiredService<ShippedWorkflows>().PublishShippedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_secretary_starts_commitment_tracking_from_a_form_made_from_its_inputs_and_a_missing_required_input_is_named()
    {
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, Secretary, HostFixture.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Lopende werkstromen" }).ClickAsync();
        await page.GetByTestId("start-new-workflow").ClickAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await page.SelectOptionAsync("#start-workflow", "commitment-tracking");
        await page.FillAsync("#start-input-title", "Vervolgonderzoek waarborgen");
        await page.GetByTestId("start-workflow-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("start-message")).ToContainTextAsync("owner");

        await page.FillAsync("#start-input-owner", "Secretary");
        await page.FillAsync("#start-input-dueDate", "2026-06-30");
        await page.GetByTestId("start-workflow-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("instance-status")).ToBeVisibleAsync();
        Assert.Matches("/instances/[0-9a-f-]{36}$", page.Url);
    }
}
