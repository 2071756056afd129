namespace LsiWorkflow.Host.Shared.UseCases;

public static class UseCasesSetup
{
    /// <summary>The use cases (Mediator, one handler each), the pipeline every message passes, and the one sender of the pages.</summary>
    public static IHostApplicationBuilder AddLsiUseCases(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddExceptionHandler<UseCaseExceptionHandler>();
        builder.Services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(UseCasesSetup)];
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(RefusalBehavior<,>)];
        });
        builder.Services.AddScoped<UseCaseSender>();
        return builder;
    }
}
