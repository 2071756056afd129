namespace LsiWorkflow.Host.Features.Audit;

/// <summary>The append-only audit trail every change of the registers writes to, and its export per project.</summary>
public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddScoped<AuditTrail>();
}
