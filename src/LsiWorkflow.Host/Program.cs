using LsiWorkflow.Host.Api;
using LsiWorkflow.Host.Components;
using LsiWorkflow.Host.Domain;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Inbox;
using LsiWorkflow.Host.Localization;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Scheduling;
using LsiWorkflow.Host.Startup;
using LsiWorkflow.Host.Workflows;

var builder = WebApplication.CreateBuilder(args);

builder.AddLsiLogging();
builder.AddLsiPersistence();
builder.AddLsiIdentity();
builder.AddLsiScheduling();
builder.AddLsiApi();
builder.AddLsiLocalization();
builder.AddLsiUi();
builder.AddLsiApplication();
builder.AddLsiDomain();
builder.AddLsiWorkflows();
builder.AddLsiInbox();

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
