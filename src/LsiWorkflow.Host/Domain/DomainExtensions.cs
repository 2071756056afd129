using System.Text.Json.Serialization;
using LsiWorkflow.Host.Domain.Audit;
using LsiWorkflow.Host.Domain.Commitments;
using LsiWorkflow.Host.Domain.Covenants;
using LsiWorkflow.Host.Domain.Dpias;
using LsiWorkflow.Host.Domain.Evaluations;
using LsiWorkflow.Host.Domain.Milestones;
using LsiWorkflow.Host.Domain.Planning;
using LsiWorkflow.Host.Domain.Projects;
using LsiWorkflow.Host.Domain.Publications;
using LsiWorkflow.Host.Domain.Reporting;
using LsiWorkflow.Host.Domain.Seed;
using LsiWorkflow.Host.Identity;

namespace LsiWorkflow.Host.Domain;

public static class DomainExtensions
{
    /// <summary>The LSI domain's services; its use cases are found by the Mediator registration of the host.</summary>
    public static IHostApplicationBuilder AddLsiDomain(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<ProjectTransitions>();
        builder.Services.AddScoped<DpiaChanges>();
        builder.Services.AddScoped<LetterSeeder>();
        builder.Services.AddSingleton<ReportTemplates>();
        // Enums travel as their names ("AreaBased"), which API clients can read and which survive reordering.
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static IEndpointRouteBuilder MapDomainEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapProjectEndpoints();
        app.MapDpiaEndpoints();
        app.MapCommitmentEndpoints();
        app.MapMilestoneEndpoints();
        app.MapCovenantEndpoints();
        app.MapEvaluationEndpoints();
        app.MapPlanEndpoints();
        app.MapPublicationEndpoints();
        app.MapReportingEndpoints();
        return app;
    }

    /// <summary>
    /// A group readable by everyone signed in with a role (or by <paramref name="readPolicy"/>); changes add their own policy on top.
    /// </summary>
    internal static RouteGroupBuilder MapDomainGroup(this IEndpointRouteBuilder app, string prefix, string tag, string? readPolicy = null)
    {
        var group = app.MapGroup(prefix).WithTags(tag).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return readPolicy is null
            ? group.RequireAuthorization(policy => policy.RequireRole(Roles.All))
            : group.RequireAuthorization(readPolicy);
    }
}

/// <summary>The optional explanation a change may carry; it lands in the audit trail as "why".</summary>
public sealed record ReasonRequest(string? Reason);
