using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Host.Tests.Infrastructure;
namespace LsiWorkflow.Host.Tests.Features.Publications;

public sealed class PublicationTests(HostFixture host) : DomainTest(host)
{
    [Fact]
    public async Task The_letters_public_documents_are_seeded_once()
    {
        await SeedLetterAsync();
        using var anonymous = Host.CreateClient();

        var list = await ReadAsync(await anonymous.GetAsync(new Uri("/api/publications", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal(3, list.GetArrayLength());
        var covenant = list.EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "Convenant");
        Assert.Equal(LetterSeed.PublicationReference, covenant.GetProperty("reference").GetString());
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("kind").GetString() == "Evaluatierapport");
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("kind").GetString() == "Kamerbrief");
    }

    [Fact]
    public async Task Publishing_and_withdrawing_leaves_a_visible_withdrawn_record()
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        var published = await ReadAsync(
            await secretary.PostAsJsonAsync("/api/publications", new { title = "DPIA wijkgerichte aanpak 2024", kind = "DPIA", summary = "De vernieuwde gezamenlijke DPIA.", reference = "Kamerstuk 17050-999" }),
            HttpStatusCode.Created);
        var id = published.GetProperty("id").GetGuid();

        await ReadAsync(await secretary.PostAsJsonAsync($"/api/publications/{id}/withdraw", new { reason = "Vervangen door een herziene versie." }), HttpStatusCode.OK);
        var again = await ReadAsync(await secretary.PostAsJsonAsync($"/api/publications/{id}/withdraw", new { reason = "Nogmaals." }), HttpStatusCode.Conflict);
        Assert.Contains("al ingetrokken", again.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var anonymous = Host.CreateClient();
        var list = await ReadAsync(await anonymous.GetAsync(new Uri("/api/publications", UriKind.Relative)), HttpStatusCode.OK);
        var withdrawn = list.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        Assert.True(withdrawn.GetProperty("isWithdrawn").GetBoolean());
        Assert.Equal("Vervangen door een herziene versie.", withdrawn.GetProperty("withdrawalReason").GetString());

        var page = await anonymous.GetAsync(new Uri("/publicaties", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("DPIA wijkgerichte aanpak 2024", html, StringComparison.Ordinal);
        Assert.Contains($"Ingetrokken op {Host.Factory.Clock.GetUtcNow():d-M-yyyy}", html, StringComparison.Ordinal);
        Assert.Contains("Vervangen door een herziene versie.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_publication_needs_a_title_and_a_withdrawal_needs_a_reason()
    {
        using var secretary = await Host.ClientForAsync(Secretary);

        await ReadAsync(await secretary.PostAsJsonAsync("/api/publications", new { title = " ", kind = "Kamerbrief" }), HttpStatusCode.BadRequest);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/publications/{LetterSeed.Id("publication:covenant-2017")}/withdraw", new { reason = "" }), HttpStatusCode.BadRequest);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/publications/{Guid.NewGuid()}/withdraw", new { reason = "Weg" }), HttpStatusCode.NotFound);
    }
}
