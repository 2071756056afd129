using LsiWorkflow.Host.Api;
using LsiWorkflow.Host.Components;
using LsiWorkflow.Host.Domain;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Inbox;
using LsiWorkflow.Host.Scheduling;
using LsiWorkflow.Host.Workflows;

namespace LsiWorkflow.Host.Startup;

public static class Pipeline
{
    /// <summary>Middleware and endpoints, in order.</summary>
    public static WebApplication UseLsiPipeline(this WebApplication app)
    {
        app.UseLsiSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi().RequireAuthorization();
        app.MapLsiHealth();
        app.MapAccountEndpoints();
        app.MapDomainEndpoints();
        app.MapWorkflowEndpoints();
        app.MapInboxEndpoints();
        app.MapLsiHangfireDashboard();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
