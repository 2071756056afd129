using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.Startup;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// Real data for the security tests: the letter seeded, one user per caller of the access table, a published
/// approval workflow with an open task of UWV, a project, a DPIA, a saved view, a notification and a calendar feed.
/// </summary>
public sealed class SecurityWorld
{
    public const string TaskTitle = "Toegangstoets taak UWV";
    public const string ProjectName = "Toegangstoets project Rotterdam";
    public const string DefinitionId = "acl-approval";
    public const string Colleague = "collega.uwv";

    /// <summary>The callers of the access table, with the user that plays each (null: anonymous).</summary>
    public static readonly IReadOnlyList<(string Caller, string? UserName, string Organisation, string? Role)> Callers =
    [
        ("anonymous", null, "", null),
        ("Secretary", "secretaris", Organisations.Szw, Roles.Secretary),
        ("Partner", "partner.uwv", Organisations.Uwv, Roles.Partner),
        ("PartnerOtherOrganisation", "partner.svb", Organisations.Svb, Roles.Partner),
        ("SteeringGroupMember", "stuurgroep.uwv", Organisations.Uwv, Roles.SteeringGroupMember),
        ("MinistryStaff", "ministerie", Organisations.Szw, Roles.MinistryStaff),
        ("Admin", "beheer", Organisations.Szw, Roles.Admin),
    ];

    public Guid TaskId { get; private set; }
    public Guid InstanceId { get; private set; }
    public Guid CancelTargetInstanceId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid DpiaId { get; private set; }
    public Guid SpareProjectId { get; private set; }
    public Guid EvaluationId { get; private set; }
    public Guid ActionId { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid PublicationId { get; private set; }
    public Guid ViewId { get; private set; }
    public Guid NotificationId { get; private set; }
    public string CalendarToken { get; private set; } = "";

    public static async Task<SecurityWorld> CreateAsync(HostFixture host)
    {
        var world = new SecurityWorld();
        await host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<LetterSeeder>().SeedAsync();
            return true;
        });
        foreach (var (_, userName, organisation, role) in Callers.Where(c => c.UserName is not null))
        {
            await host.CreateUserAsync(userName!, organisation, role!);
        }
        await host.CreateUserAsync(Colleague, Organisations.Uwv, Roles.Partner);
        await host.PublishAsync(ApprovalDefinition().ToJsonString());
        world.InstanceId = await host.StartAsync(DefinitionId);
        world.CancelTargetInstanceId = await host.StartAsync(DefinitionId);
        world.TaskId = (await host.TasksAsync(world.InstanceId)).Single().Id;

        using var secretary = await host.ClientForAsync("secretaris");
        world.ProjectId = (await ReadAsync(await secretary.PostAsJsonAsync("/api/projects",
            new { name = ProjectName, kind = "AreaBased", municipality = Organisations.Rotterdam }))).GetProperty("id").GetGuid();
        world.SpareProjectId = (await ReadAsync(await secretary.PostAsJsonAsync("/api/projects",
            new { name = "Toegangstoets fenomeenproject", kind = "PhenomenonBased" }))).GetProperty("id").GetGuid();
        world.DpiaId = (await ReadAsync(await secretary.PostAsJsonAsync("/api/dpias",
            new { kind = "ProjectFormat", title = "DPIA toegangstoets", projectId = world.ProjectId }))).GetProperty("id").GetGuid();
        var evaluation = await ReadAsync(await secretary.GetAsync("/api/evaluations/latest"));
        world.EvaluationId = evaluation.GetProperty("id").GetGuid();
        world.ActionId = evaluation.GetProperty("recommendations").EnumerateArray()
            .SelectMany(r => r.GetProperty("actions").EnumerateArray()).First().GetProperty("id").GetGuid();
        world.PlanId = (await ReadAsync(await secretary.GetAsync("/api/plan"))).GetProperty("id").GetGuid();
        world.PublicationId = (await ReadAsync(await secretary.PostAsJsonAsync("/api/publications",
            new
            {
                title = "Toegangstoets publicatie", kind = "Kamerbrief", summary = "Samenvatting",
                file = new { fileName = "toets.pdf", content = Convert.ToBase64String("%PDF-1.4\n%%EOF\n"u8.ToArray()) },
            }))).GetProperty("id").GetGuid();

        using var partner = await host.ClientForAsync("partner.uwv");
        world.ViewId = (await ReadAsync(await partner.PutAsJsonAsync("/api/inbox/views", new { name = "Alles", filter = new { } })))
            .GetProperty("id").GetGuid();
        world.CalendarToken = (await ReadAsync(await partner.PostAsync("/api/calendar/token", null)))
            .GetProperty("url").GetString()!.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal);
        world.NotificationId = await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LsiDbContext>();
            var notification = new UserNotification
            {
                Id = Guid.NewGuid(),
                MessageId = Guid.NewGuid(),
                UserName = "partner.uwv",
                Subject = "Herinnering",
                Body = "Een taak wacht op u.",
                CreatedAt = LsiHostFactory.Start,
            };
            db.Add(notification);
            await db.SaveChangesAsync();
            return notification.Id;
        });
        return world;
    }

    public static Task<int> AuditCountAsync(HostFixture host, string userName) =>
        host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Set<AuditEntry>().CountAsync(a => a.ActorUserName == userName));

    /// <summary>One HumanTask for partners of UWV; approving or rejecting ends the instance.</summary>
    public static JsonObject ApprovalDefinition() => new()
    {
        ["schemaVersion"] = 1,
        ["id"] = DefinitionId,
        ["name"] = "Toegangstoets",
        ["version"] = 1,
        ["variables"] = new JsonArray(),
        ["activities"] = new JsonArray(
            new JsonObject { ["id"] = "start", ["type"] = "Start", ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } },
            new JsonObject
            {
                ["id"] = "approve",
                ["type"] = "HumanTask",
                ["position"] = new JsonObject { ["x"] = 200, ["y"] = 0 },
                ["properties"] = new JsonObject
                {
                    ["title"] = TaskTitle,
                    ["assignee"] = new JsonObject { ["organisations"] = new JsonArray("UWV"), ["role"] = "Partner" },
                    ["outcomes"] = new JsonArray("Goedkeuren", "Afwijzen"),
                    ["dueIn"] = "P14D",
                },
            },
            new JsonObject { ["id"] = "end", ["type"] = "End", ["position"] = new JsonObject { ["x"] = 400, ["y"] = 0 } }),
        ["connections"] = new JsonArray(
            new JsonObject { ["source"] = "start", ["target"] = "approve" },
            new JsonObject { ["source"] = "approve", ["outcome"] = "Goedkeuren", ["target"] = "end" },
            new JsonObject { ["source"] = "approve", ["outcome"] = "Afwijzen", ["target"] = "end" }),
    };

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    internal static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location
            && (location.Contains("/account/login", StringComparison.Ordinal) || location.Contains("/account/access-denied", StringComparison.Ordinal)));

    /// <summary>A refusal of who the caller is: 401, 403 or a challenge (sign-in with a return address, access denied).</summary>
    internal static bool IsRefusal(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location
            && (location.Contains("/account/login?ReturnUrl", StringComparison.Ordinal) || location.Contains("/account/access-denied", StringComparison.Ordinal)));

    internal static Guid Seeded(string key) => LetterSeed.Id(key);
}
