using System.Net;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Designer;

public sealed class DesignerAccessTests(HostFixture host) : HostTest(host)
{
    private const string Minimal = """
        { "schemaVersion": 1, "id": "gelijktijdig", "name": "Gelijktijdig", "version": 1, "variables": [],
          "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
          "connections": [ { "source": "start", "target": "end" } ] }
        """;

    [Theory]
    [InlineData("/designer")]
    [InlineData("/designer/project-approval")]
    [InlineData("/instances")]
    public async Task Partners_and_ministry_staff_cannot_open_the_designer_or_the_monitor(string path)
    {
        await Host.CreateUserAsync("partner", "UWV", Roles.Partner);
        await Host.CreateUserAsync("ministerie", "SZW", Roles.MinistryStaff);
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);

        foreach (var user in new[] { "partner", "ministerie" })
        {
            using var client = await Host.ClientForAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }
        using var secretary = await Host.ClientForAsync("secretaris");
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Two_secretaries_saving_the_same_draft_the_second_gets_a_conflict_in_dutch_and_nothing_is_overwritten()
    {
        var anna = new Actor("anna", "SZW", new HashSet<string> { Roles.Secretary });
        var bart = new Actor("bart", "SZW", new HashSet<string> { Roles.Secretary });
        var first = await SendAsync(new SaveDraft(Minimal, null, anna));

        // Both opened draft version 1 with the same row version; Anna saves first.
        var opened = await SendAsync(new GetDefinition(Actors.Secretary, "gelijktijdig"));
        await SendAsync(new SaveDraft(Minimal.Replace("\"Gelijktijdig\"", "\"Versie van Anna\"", StringComparison.Ordinal), opened.RowVersion, anna));
        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            SendAsync(new SaveDraft(Minimal.Replace("\"Gelijktijdig\"", "\"Versie van Bart\"", StringComparison.Ordinal), opened.RowVersion, bart)));

        Assert.Equal(first.RowVersion, opened.RowVersion);
        Assert.Contains("intussen door anna opgeslagen", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("Versie van Anna", (await SendAsync(new GetDefinition(Actors.Secretary, "gelijktijdig"))).Name);

        // Through the API the refusal is a 409 with the same Dutch text.
        await Host.CreateUserAsync("bart", "SZW", Roles.Secretary);
        using var client = await Host.ClientForAsync("bart");
        var response = await client.PutAsync(new Uri("/api/workflows/drafts", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new
        {
            definition = System.Text.Json.JsonDocument.Parse(Minimal).RootElement,
            rowVersion = opened.RowVersion,
        }));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("intussen door anna opgeslagen", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<T> SendAsync<T>(IQuery<T> query) => Host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(query).AsTask());

    private Task<T> SendAsync<T>(ICommand<T> command) => Host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(command).AsTask());
}
