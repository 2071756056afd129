using LsiWorkflow.Host.Api;
using LsiWorkflow.Host.Components;
using LsiWorkflow.Host.Localization;
using LsiWorkflow.Host.Startup;

var builder = WebApplication.CreateBuilder(args);

builder.AddLsiLogging();
builder.AddLsiServices();   // persistence, identity, scheduling, use cases, domain, workflows, inbox
builder.AddLsiApi();
builder.AddLsiLocalization();
builder.AddLsiUi();

var app = builder.Build();

if (await app.PrepareAsync(args) is { } exitCode)
{
    return exitCode;
}

app.UseLsiPipeline();
await app.RunAsync();
return 0;

/// <summary>Entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
