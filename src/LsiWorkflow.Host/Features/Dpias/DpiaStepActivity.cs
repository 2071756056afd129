using System.Collections.Frozen;
using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Shared.Workflows;

namespace LsiWorkflow.Host.Features.Dpias;

/// <summary>
/// One step in the life of a DPIA through the same use cases as the API: submit for review, record the approvals
/// partners gave in a task, adopt (which raises DpiaCompleted for the projects waiting on it), or send to
/// parliament. A step already taken is skipped, so a retried step changes nothing.
/// </summary>
[Activity("DpiaStep", Category = "LSI", DisplayName = "DPIA-stap", Description = "Biedt een DPIA ter beoordeling aan, legt goedkeuringen vast, stelt haar vast of stuurt haar naar de Kamer.")]
[Outcomes("Done")]
public sealed class DpiaStepActivity : DomainActivity
{
    private const string Submit = "Submit";
    private const string RecordApprovals = "RecordApprovals";
    private const string Adopt = "Adopt";
    private const string SendToParliament = "SendToParliament";

    /// <summary>The DPIA, usually an expression such as input.dpiaId.</summary>
    [ActivityProperty(Kind = PropertyKind.Text, Required = true, DisplayName = "DPIA", Description = "Id van de DPIA, bijvoorbeeld de expressie input.dpiaId.")]
    public string? DpiaId { get; set; }

    /// <summary>The step.</summary>
    [ActivityProperty(Kind = PropertyKind.Choice, Required = true, Choices = [Submit, RecordApprovals, Adopt, SendToParliament], SupportsExpression = false, DisplayName = "Stap")]
    public string? Step { get; set; }

    /// <summary>For RecordApprovals: the task whose positive completions are the approvals.</summary>
    [ActivityProperty(Kind = PropertyKind.Text, SupportsExpression = false, DisplayName = "Goedkeuringen uit taak", Description = "Id van de taak waarin de partners de DPIA goedkeurden.")]
    public string? ApprovalsFrom { get; set; }

    /// <summary>Why, for the audit trail.</summary>
    [ActivityProperty(Kind = PropertyKind.Template, DisplayName = "Reden")]
    public string? Reason { get; set; }

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dpiaId = RequireId(DpiaId, "dpiaId");
        var actor = ActorOf(context);
        var ct = context.CancellationToken;
        var dpia = await SendAsync(context, sender => sender.Send(new GetDpia(actor, dpiaId), ct));
        switch (Step)
        {
            case Submit when dpia.Status == DpiaStatus.Draft:
                dpia = await SendAsync(context, sender => sender.Send(new SubmitDpiaForReview(actor, dpiaId, Reason), ct));
                break;
            case RecordApprovals:
                foreach (var approver in Approvers(context).Where(a => dpia.Approvals.All(x => x.Organisation != a.Organisation)))
                {
                    dpia = await SendAsync(context, sender => sender.Send(new ApproveDpia(approver, dpiaId, Reason), ct));
                }
                break;
            case Adopt when dpia.Status != DpiaStatus.Adopted:
                dpia = await SendAsync(context, sender => sender.Send(new AdoptDpia(actor, dpiaId, Reason), ct));
                break;
            case SendToParliament when dpia.SentToParliamentOn is null:
                dpia = await SendAsync(context, sender => sender.Send(new SendDpiaToParliament(actor, dpiaId, Reason), ct));
                break;
            default:
                break;
        }
        context.Output = new JsonObject
        {
            ["dpiaId"] = dpia.Id,
            ["status"] = dpia.Status.ToString(),
            ["approvals"] = new JsonArray([.. dpia.Approvals.Select(a => JsonValue.Create(a.Organisation))]),
            ["sentToParliamentOn"] = dpia.SentToParliamentOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        context.JournalMessage = $"{dpia.Title}: {Dutch.Of(dpia.Status)}, {dpia.Approvals.Count} goedkeuring(en).";
        return ActivityResult.Done;
    }

    /// <summary>The people who chose the task's positive outcome, acting for the organisation of their task.</summary>
    private IEnumerable<Actor> Approvers(ActivityContext context)
    {
        var task = ApprovalsFrom is null ? null : context.Workflow.FindActivity(ApprovalsFrom);
        var positive = (task?.Properties?["outcomes"] as JsonArray)?.FirstOrDefault()?.GetValue<string>();
        var completions = context.Scope.Activities[ApprovalsFrom ?? ""]?["completions"] as JsonArray ?? [];
        foreach (var completion in completions.OfType<JsonObject>())
        {
            if (completion["outcome"]?.GetValue<string>() == positive
                && completion["actor"]?.GetValue<string>() is { } user
                && completion["organisation"]?.GetValue<string>() is { } organisation)
            {
                yield return new Actor(user, organisation, FrozenSet.ToFrozenSet([Roles.Partner]));
            }
        }
    }

    public override void Validate(ActivityValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = context.LiteralText("approvalsFrom");
        if (context.LiteralText("step") == RecordApprovals && from is null)
        {
            context.Report(ValidationCodes.MissingRequiredProperty, "approvalsFrom", "Geef de taak waarin de partners goedkeurden.");
        }
        if (from is not null && context.Workflow.FindActivity(from) is not { Type: "HumanTask" })
        {
            context.Report(ValidationCodes.WrongPropertyType, "approvalsFrom", $"'{from}' is geen taak in deze werkstroom.");
        }
    }
}
