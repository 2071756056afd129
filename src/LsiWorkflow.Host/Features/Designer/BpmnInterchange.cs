using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Interchange;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using Mediator;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>A definition as BPMN 2.0 XML with diagram interchange, for Camunda Modeler and bpmn.io.</summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record ExportBpmn(Actor Actor, string Json) : IQuery<string>, IActorMessage;

public sealed class ExportBpmnHandler(EngineServices engine) : IQueryHandler<ExportBpmn, string>
{
    public ValueTask<string> Handle(ExportBpmn query, CancellationToken cancellationToken)
    {
        WorkflowDefinition definition;
        try
        {
            definition = DefinitionSerializer.Parse(query.Json);
        }
        catch (DefinitionFormatException ex)
        {
            throw new InvalidRequestException($"De werkstroom kan niet als BPMN worden geëxporteerd: {ex.Message}");
        }
        return ValueTask.FromResult(BpmnExporter.Export(definition, new BpmnExportOptions { Registry = engine.Registry }));
    }
}

/// <summary>What reading a BPMN file gave: the definition JSON for the designer and what was not taken over.</summary>
public sealed record BpmnImported(string Json, IReadOnlyList<BpmnImportIssue> Issues);

/// <summary>
/// Reads a BPMN 2.0 file into a definition for the designer to show as a draft; every element that could not be
/// taken over is listed by name. Nothing is saved here.
/// </summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record ImportBpmn(Actor Actor, string Xml, string DefinitionId) : IQuery<BpmnImported>, IActorMessage;

public sealed class ImportBpmnHandler : IQueryHandler<ImportBpmn, BpmnImported>
{
    public ValueTask<BpmnImported> Handle(ImportBpmn query, CancellationToken cancellationToken)
    {
        BpmnImportResult result;
        try
        {
            result = BpmnImporter.Import(query.Xml);
        }
        catch (BpmnFormatException ex)
        {
            throw new InvalidRequestException($"Het bestand is geen leesbaar BPMN 2.0: {ex.Message}");
        }
        // An imported file becomes the content of the definition being designed, whatever id it had.
        var definition = result.Definition with { Id = query.DefinitionId };
        return ValueTask.FromResult(new BpmnImported(DefinitionSerializer.Serialize(definition), result.Issues));
    }
}
