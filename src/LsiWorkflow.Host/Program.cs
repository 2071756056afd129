using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.Localization;
using LsiWorkflow.Host.Shared.Startup;
using LsiWorkflow.Host.Shared.Telemetry;
using LsiWorkflow.Host.Shared.Ui;

var builder = WebApplication.CreateBuilder(args);

builder.AddLsiLogging();
builder.AddLsiServices();   // persistence, use cases, runtime and every feature's services
builder.AddLsiApi();
builder.AddLsiLocalization();
builder.AddLsiUi();
builder.AddLsiTelemetry();  // traces and figures: OTLP by configuration, Prometheus for admins

var app = builder.Build();

if (await app.PrepareAsync(args) is { } exitCode)
{
    return exitCode;
}

app.UseLsiPipeline();       // middleware, then every feature's endpoints and pages
await app.RunAsync();
return 0;

/// <summary>Entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
