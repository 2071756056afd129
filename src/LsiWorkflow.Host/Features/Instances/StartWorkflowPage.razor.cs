using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Features.Projects;
using LsiWorkflow.Host.Shared.Ui;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Instances;

/// <summary>
/// Starts any published workflow with a form made from its Start inputs: a project picker for a project input, a
/// date field for a date, and so on. A workflow about a project gets the project's id as its correlation key, so its
/// tasks and runs show on the project's page.
/// </summary>
public partial class StartWorkflowPage
{
    private IReadOnlyList<StartableWorkflow> workflows = [];
    private IReadOnlyList<ProjectDetails> projects = [];
    private StartableWorkflow? selected;
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);
    private string? message;
    private bool busy;

    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The one clock of the application (<c>Ui:TimeZone</c>): a date and time typed in the form is read in it.</summary>
    [Inject]
    private Display Display { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "workflow")]
    public string? Workflow { get; set; }

    protected override async Task OnInitializedAsync()
    {
        workflows = await UseCases.SendAsync(actor => new ListStartableWorkflows(actor));
        projects = await UseCases.SendAsync(actor => new ListProjects(actor));
        selected = workflows.FirstOrDefault(w => w.DefinitionId == Workflow);
    }

    private static bool IsProject(StartInput input) =>
        input.Type == VariableTypes.String && input.Name.EndsWith("projectId", StringComparison.OrdinalIgnoreCase);

    private string Label(StartInput input) =>
        (IsProject(input) ? L["StartWorkflow.Project"].Value : input.Name) + (input.Required ? " *" : "");

    private static string HtmlType(string type) => type switch
    {
        VariableTypes.Number => "number",
        VariableTypes.Date => "date",
        VariableTypes.DateTime => "datetime-local",
        _ => "text",
    };

    private bool IsSet(string name) => values.GetValueOrDefault(name) == "true";

    private void SetFlag(string name, ChangeEventArgs e) => values[name] = e.Value is true ? "true" : "false";

    private void Choose(ChangeEventArgs e)
    {
        selected = workflows.FirstOrDefault(w => w.DefinitionId == e.Value as string);
        values.Clear();
        message = null;
    }

    private async Task StartAsync()
    {
        busy = true;
        message = null;
        try
        {
            var workflow = selected!;
            var input = new JsonObject();
            foreach (var field in workflow.Inputs)
            {
                var text = values.GetValueOrDefault(field.Name);
                if (string.IsNullOrWhiteSpace(text) && field.Type != VariableTypes.Boolean)
                {
                    if (field.Required)
                    {
                        message = string.Format(CultureInfo.CurrentCulture, L["StartWorkflow.Required"], IsProject(field) ? L["StartWorkflow.Project"].Value : field.Name);
                        return;
                    }
                    continue;
                }
                input[field.Name] = Value(field, text);
            }
            var project = workflow.Inputs.Where(IsProject).Select(i => values.GetValueOrDefault(i.Name)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            var started = await UseCases.SendAsync(actor => new StartInstance(workflow.DefinitionId, workflow.Version, input, project, actor));
            Navigation.NavigateTo($"instances/{started.InstanceId}");
        }
        catch (UseCaseException refused)
        {
            message = refused.Message;
        }
        catch (Exception invalid) when (invalid is FormatException or JsonException)
        {
            message = string.Format(CultureInfo.CurrentCulture, L["StartWorkflow.Invalid"], invalid.Message);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>The typed JSON value of a field; a datetime is read as Dutch time, as people enter it.</summary>
    private JsonNode? Value(StartInput field, string? text) => field.Type switch
    {
        VariableTypes.Boolean => JsonValue.Create(text == "true"),
        VariableTypes.Number => JsonValue.Create(decimal.Parse(text!, NumberStyles.Number, CultureInfo.InvariantCulture)),
        VariableTypes.DateTime => JsonValue.Create(LocalMoment(DateTime.Parse(text!, CultureInfo.InvariantCulture))),
        VariableTypes.Object or VariableTypes.Array => JsonNode.Parse(text!),
        _ => JsonValue.Create(text!.Trim()),
    };

    private DateTimeOffset LocalMoment(DateTime local) => new(local, Display.Zone.GetUtcOffset(local));
}
