using Hangfire;
using Hangfire.Dashboard;
using LsiWorkflow.Host.Shared.Access;

namespace LsiWorkflow.Host.Shared.Startup;

public static class HangfireDashboard
{
    /// <summary>The dashboard is for admins only; the endpoint policy does the check, not Hangfire's local-only filter.</summary>
    public static IEndpointRouteBuilder MapLsiHangfireDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = Array.Empty<IDashboardAuthorizationFilter>(),
            DashboardTitle = "LSI Workflow — Hangfire",
        }).RequireAuthorization(Policies.CanAdministerSystem);
        return app;
    }
}
