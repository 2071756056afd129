using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Host.Shared.Workflows;

namespace LsiWorkflow.Host.Features.Publications;

/// <summary>Publishes a document on the public publications page, once per execution of the step.</summary>
[Activity("PublishDocument", Category = "LSI", DisplayName = "Publiceren", Description = "Zet een document op de openbare publicatiepagina en legt dat vast in de audittrail.")]
[Outcomes("Done")]
public sealed class PublishDocumentActivity : DomainActivity
{
    /// <summary>Title template.</summary>
    [ActivityProperty(Kind = PropertyKind.Template, Required = true, DisplayName = "Titel")]
    public string? Title { get; set; }

    /// <summary>Kind of document, e.g. Convenant, DPIA, Evaluatierapport, Kamerbrief.</summary>
    [ActivityProperty(Kind = PropertyKind.Text, Required = true, SupportsExpression = false, DisplayName = "Soort", Description = "Convenant, DPIA, Evaluatierapport, Kamerbrief of een andere soort.")]
    public string? Kind { get; set; }

    /// <summary>Summary template.</summary>
    [ActivityProperty(Kind = PropertyKind.Template, DisplayName = "Samenvatting")]
    public string? Summary { get; set; }

    /// <summary>Where the document is found, template.</summary>
    [ActivityProperty(Kind = PropertyKind.Template, DisplayName = "Vindplaats", Description = "Staatscourant, Kamerstuk of webadres.")]
    public string? Reference { get; set; }

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The id follows from the instance, the step and how often it ran before: a step in a loop publishes each
        // round, while a burst retried after a failure reuses the id (its count was not saved) and publishes once.
        var round = (context.ActivityState?["rounds"]?.GetValue<int>() ?? 0) + 1;
        var id = StableId.For($"publication:{context.InstanceId:N}:{context.ActivityId}:{round}");
        await SendAsync(context, sender => sender.Send(
            new PublishDocument(Title ?? "", Kind ?? "", Summary, Reference, ActorOf(context), id), context.CancellationToken));
        context.ActivityState = new JsonObject { ["rounds"] = round };
        context.Output = new JsonObject { ["publicationId"] = id, ["title"] = Title };
        context.JournalMessage = $"Gepubliceerd: {Title}.";
        return ActivityResult.Done;
    }
}
