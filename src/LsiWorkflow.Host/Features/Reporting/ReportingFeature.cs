using LsiWorkflow.Host.Features.Commitments;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Features.Planning;
using LsiWorkflow.Host.Features.Projects;
using LsiWorkflow.Host.Features.Recommendations;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Reporting;

/// <summary>CSV of every ministry list and the printable progress report, for whoever may read milestones.</summary>
public static class ReportingFeature
{
    public static IServiceCollection AddReporting(this IServiceCollection services) =>
        services.AddSingleton<ReportTemplates>();

    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder app)
    {
        var exports = app.MapRegisterGroup("/api/exports", "Export", Policies.CanViewMilestones);

        exports.MapGet("/milestones.csv", async (Actor actor, int? year, string? organisation, ISender sender, TimeProvider clock, CancellationToken ct) =>
                File(ListExports.Milestones(await sender.Send(new ListMilestones(actor, Year: year, Organisation: organisation), ct)), "mijlpalen", clock))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Mijlpalen met status en regel als CSV (UTF-8, puntkomma's).");

        exports.MapGet("/agenda.csv", async (Actor actor, Guid? themeId, int? year, ISender sender, TimeProvider clock, CancellationToken ct) =>
                File(ListExports.Agenda(AgendaOf(await sender.Send(new GetMultiYearPlan(actor), ct), themeId, year)), "uitvoeringsagenda", clock))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("De uitvoeringsagenda van het meerjarenplan met status als CSV; te filteren op thema (wat alle thema's betreft blijft) en jaar.");

        exports.MapGet("/commitments.csv", async (Actor actor, ISender sender, TimeProvider clock, CancellationToken ct) =>
                File(ListExports.Commitments(await sender.Send(new ListCommitments(actor), ct)), "toezeggingen", clock))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Toezeggingen aan de Kamer met wat nog open staat als CSV.");

        exports.MapGet("/recommendations.csv", async (Actor actor, ISender sender, TimeProvider clock, CancellationToken ct) =>
                File(ListExports.Recommendations(await sender.Send(new GetEvaluation(actor), ct)), "aanbevelingen", clock))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Aanbevelingen van de laatste evaluatie met de stand van hun acties als CSV.");

        exports.MapGet("/projects.csv", async (Actor actor, ISender sender, TimeProvider clock, CancellationToken ct) =>
                File(ListExports.Projects(await sender.Send(new ListProjects(actor), ct)), "projecten", clock))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Het projectregister met poortstatus en redenen als CSV.");

        app.MapRegisterGroup("/api/reports", "Export", Policies.CanViewMilestones)
            .MapGet("/progress", async (Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Content(await sender.Send(new RenderProgressReport(actor), ct), "text/html; charset=utf-8"))
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .WithSummary("De Stand van de uitvoering als HTML met de cijfers van dit moment; af te drukken als PDF.");

        return app;
    }

    /// <summary>The agenda as the milestones page filters it: a theme keeps what concerns every theme, and the items of that theme.</summary>
    public static MultiYearPlanView AgendaOf(MultiYearPlanView plan, Guid? themeId, int? year)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan with { Agenda = [.. plan.Agenda.Where(a => (themeId is null || a.ThemeId is null || a.ThemeId == themeId) && (year is null || a.Year == year))] };
    }

    private static IResult File(byte[] csv, string name, TimeProvider clock) =>
        TypedResults.File(csv, Csv.ContentType, $"{name}-{clock.Today():yyyy-MM-dd}.csv");
}
