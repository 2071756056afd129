using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Calendar;
using LsiWorkflow.Host.Features.Commitments;
using LsiWorkflow.Host.Features.Covenants;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Dpias;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Features.People;
using LsiWorkflow.Host.Features.Planning;
using LsiWorkflow.Host.Features.Projects;
using LsiWorkflow.Host.Features.Publications;
using LsiWorkflow.Host.Features.Recommendations;
using LsiWorkflow.Host.Features.Reporting;
using LsiWorkflow.Host.Features.Retention;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.Telemetry;
using LsiWorkflow.Host.Shared.Ui;

namespace LsiWorkflow.Host.Shared.Startup;

public static class Pipeline
{
    /// <summary>Middleware and endpoints, in order.</summary>
    public static WebApplication UseLsiPipeline(this WebApplication app)
    {
        app.UseLsiSecurityHeaders();
        // The API answers ProblemDetails; people get a page in their language inside the layout.
        // A page is re-executed as the request came, so only reads get the page: a refused form post (no anti-forgery
        // token) would be refused again by the error page itself.
        app.UseWhen(context => !IsPageRead(context), api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(IsPageRead, pages => pages.UseExceptionHandler("/error").UseStatusCodePagesWithReExecute("/error", "?status={0}"));
        // Routing after the error pages, so a re-executed request is routed to the error page.
        app.UseRouting();
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseSessionCheck();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseLsiInputCheck();

        app.MapStaticAssets();
        app.MapOpenApi().RequireAuthorization();
        app.MapLsiHealth();
        app.MapLsiTelemetry();
        app.MapAccounts();
        app.MapPeople();
        app.MapProjects();
        app.MapDpias();
        app.MapCommitments();
        app.MapMilestones();
        app.MapCovenants();
        app.MapRecommendations();
        app.MapPlanning();
        app.MapPublications();
        app.MapReporting();
        app.MapDesigner();
        app.MapInstances();
        app.MapTasks();
        app.MapNotifications();
        app.MapCalendar();
        app.MapRetention();
        app.MapLsiHangfireDashboard();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsPageRead(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
}
