using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.Startup;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LsiWorkflow.Host.Benchmarks;

/// <summary>
/// The milestones page as ministry staff open it, over the letter's seed plus ten years of generated history:
/// prints the server time of GET /milestones (a full server render) as key=value.
/// </summary>
internal static class MilestonesPageBenchmark
{
    public static async Task Main(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__LsiBench")
            ?? throw new InvalidOperationException("Set ConnectionStrings__LsiBench to a database the benchmark may fill (it adds rows, never deletes).");
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;

        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            var options = new DbContextOptionsBuilder<LsiDbContext>();
            PersistenceExtensions.Configure(options, dataSource);
            await using var db = new LsiDbContext(options.Options);
            await db.Database.MigrateAsync();
        }

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSolutionRelativeContentRoot("src/LsiWorkflow.Host");
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Lsi"] = connectionString,
                ["Hangfire:Server"] = "false",
            }));
        });

        var counts = await PrepareAsync(factory.Services);
        using var client = factory.CreateClient();
        var token = await SignInAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Warm up: the first requests compile queries and Razor output paths.
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(new Uri("/milestones", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(new Uri("/milestones", UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            watch.Stop();
            response.EnsureSuccessStatusCode();
            if (!html.Contains("Volgende evaluatie convenant", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The milestones page did not render its milestones.");
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        // The query alone, to tell database time from rendering time.
        var queryTimes = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListMilestones(new Actor("ministerie", "SZW", new HashSet<string> { Roles.MinistryStaff })));
            queryTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        queryTimes.Sort();
        times.Sort();
        double Percentile(double p) => times[(int)Math.Ceiling(p * times.Count) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"milestones={counts.Milestones}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"projects={counts.Projects}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open_tasks={counts.Tasks}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runs={runs}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"list_milestones_query_ms_p50={queryTimes[queryTimes.Count / 2]:0.0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"milestones_page_ms_p50={Percentile(0.50):0.0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"milestones_page_ms_p95={Percentile(0.95):0.0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"milestones_page_ms_max={times[^1]:0.0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"within_300ms_p95={(Percentile(0.95) <= 300 ? "yes" : "no")}"));
    }

    private static async Task<(int Milestones, int Projects, int Tasks)> PrepareAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().EnsureRolesAsync();
        await scope.ServiceProvider.GetRequiredService<LetterSeeder>().SeedAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LsiUser>>();
        if (await users.FindByNameAsync(BenchUser.Name) is null)
        {
            var user = new LsiUser { UserName = BenchUser.Name, Email = "bench@lsi.local", EmailConfirmed = true, DisplayName = "Benchmark", OrganisationCode = Organisations.Szw };
            await users.CreateAsync(user, BenchUser.Password);
            await users.AddToRoleAsync(user, Roles.MinistryStaff);
        }

        var db = scope.ServiceProvider.GetRequiredService<LsiDbContext>();
        await History.GenerateAsync(db);
        return (await db.Set<Milestone>().CountAsync(), await db.Set<Project>().CountAsync(),
            await db.Set<TaskRecord>().CountAsync(t => t.Status == LsiWorkflow.Runtime.Persistence.TaskStatus.Open));
    }

    private static async Task<string> SignInAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = BenchUser.Name, password = BenchUser.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }
}

internal sealed record TokenResponse(string AccessToken);

internal static class BenchUser
{
    public const string Name = "benchmark.ministerie";
    public const string Password = "Benchmark-password-1234";
}

/// <summary>
/// Ten years (2016–2025) of made-up history: per year 50 projects with four milestones each, 20 commitments with a
/// milestone each, and open tasks on a tenth of the projects. Stable ids: a second run adds nothing.
/// </summary>
internal static class History
{
    private const int FirstYear = 2016;
    private const int Years = 10;
    private const int ProjectsPerYear = 50;
    private const int CommitmentsPerYear = 20;

    public static async Task GenerateAsync(LsiDbContext db)
    {
        if (await db.Set<Project>().AnyAsync(p => p.Id == ProjectId(FirstYear, 0)))
        {
            return;
        }

        var municipalities = await db.Set<Organisation>().Where(o => o.Kind == OrganisationKind.Municipality).ToListAsync();
        var random = new Random(2017);
        var now = DateTimeOffset.UtcNow;
        for (var year = FirstYear; year < FirstYear + Years; year++)
        {
            for (var i = 0; i < ProjectsPerYear; i++)
            {
                var proposed = new DateOnly(year, 1, 1).AddDays(random.Next(0, 300));
                var kind = i % 2 == 0 ? ProjectKind.AreaBased : ProjectKind.PhenomenonBased;
                var project = new Project($"Project {year}-{i:00}", kind, proposed, kind == ProjectKind.AreaBased ? municipalities[i % municipalities.Count] : null, id: ProjectId(year, i));
                db.Add(project);
                string[] steps = ["Voorgesteld", "Goedgekeurd", "Gestart", "Afgerond"];
                for (var s = 0; s < steps.Length; s++)
                {
                    var milestone = new Milestone($"{project.Name}: {steps[s]}", proposed.AddDays(60 * s), MilestoneSubject.Project, project.Id, StableId.For($"bench:milestone:{year}:{i}:{s}"));
                    if (year < FirstYear + Years - 1 || s < 2)
                    {
                        milestone.Reach(milestone.PlannedOn.AddDays(random.Next(-10, 30)));
                    }

                    db.Add(milestone);
                }

                if (i % 10 == 0)
                {
                    var instance = new InstanceRecord
                    {
                        Id = StableId.For($"bench:instance:{year}:{i}"),
                        DefinitionId = "project-approval",
                        DefinitionVersion = 1,
                        Status = "Running",
                        State = "{}",
                        CorrelationKey = project.Id.ToString(),
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    db.Add(instance);
                    db.Add(new TaskRecord
                    {
                        Id = StableId.For($"bench:task:{year}:{i}"),
                        InstanceId = instance.Id,
                        BookmarkId = Guid.NewGuid(),
                        ActivityId = "review",
                        DefinitionId = instance.DefinitionId,
                        Title = "Project beoordelen",
                        Organisation = Organisations.Uwv,
                        Outcomes = "[\"Akkoord\"]",
                        CommentRequiredFor = "[]",
                        FormFields = "[]",
                        Priority = "Normal",
                        DueAt = now.AddDays(random.Next(-20, 20)),
                        CreatedAt = now,
                    });
                }
            }

            for (var c = 0; c < CommitmentsPerYear; c++)
            {
                var due = new DateOnly(year, 1, 1).AddDays(random.Next(0, 364));
                var commitment = new Commitment($"Toezegging {year}-{c:00}", $"Kamerbrief {year}", due, StableId.For($"bench:commitment:{year}:{c}"));
                if (year < FirstYear + Years - 1)
                {
                    commitment.Fulfil(due);
                }

                db.Add(commitment);
                db.Add(new Milestone($"Toezegging {year}-{c:00} nagekomen", due, MilestoneSubject.Commitment, commitment.Id, StableId.For($"bench:commitment-milestone:{year}:{c}")));
            }

            await db.SaveChangesAsync();
        }
    }

    private static Guid ProjectId(int year, int index) => StableId.For($"bench:project:{year}:{index}");
}
