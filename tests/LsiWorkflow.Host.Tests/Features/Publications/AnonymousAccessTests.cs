using System.Net;
using System.Reflection;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Tests.Features.Publications;

/// <summary>Anonymous visitors read the publications and nothing else: every other page sends them to sign in.</summary>
public sealed class AnonymousAccessTests(HostFixture host) : DomainTest(host)
{
    // Pages that must work before sign-in: signing in itself, and what the public may read.
    private static readonly string[] Public = ["/account/", "/publicaties", "/toegankelijkheid", "/not-found", "/Error"];

    public static TheoryData<string> Pages()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Where(route => !route.Contains('{', StringComparison.Ordinal))
            .Where(route => !Public.Any(p => route.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .Distinct()
            .Order(StringComparer.Ordinal);
        return [.. routes];
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_other_page_redirects_to_sign_in(string route)
    {
        using var anonymous = Host.CreateClient();

        var response = await anonymous.GetAsync(new Uri(route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void Besides_sign_in_and_error_pages_only_the_publications_and_the_accessibility_statement_allow_anonymous_visitors()
    {
        var anonymousPages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Where(route => !Public.Any(p => route.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || route is "/publicaties" or "/toegankelijkheid");

        Assert.Equal(["/publicaties", "/toegankelijkheid"], anonymousPages.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/exports/milestones.csv")]
    [InlineData("/api/exports/commitments.csv")]
    [InlineData("/api/exports/recommendations.csv")]
    [InlineData("/api/exports/projects.csv")]
    [InlineData("/api/exports/agenda.csv")]
    [InlineData("/api/reports/progress")]
    [InlineData("/api/tasks")]
    [InlineData("/api/workflows")]
    [InlineData("/api/instances")]
    [InlineData("/api/me")]
    public async Task The_api_answers_anonymous_callers_with_401(string path)
    {
        using var anonymous = Host.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_read_the_publications_page_and_api()
    {
        using var anonymous = Host.CreateClient();

        var page = await anonymous.GetAsync(new Uri("/publicaties", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Stcrt. 2017, nr. 20624", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/api/publications", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(new Uri("/api/publications", UriKind.Relative), null)).StatusCode);
    }
}
