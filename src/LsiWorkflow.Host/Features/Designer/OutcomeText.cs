using LsiWorkflow.Host.Shared.Localization;
using Microsoft.Extensions.Localization;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>
/// Outcomes as people read them. The fixed outcomes of the activity types (Done, True, Pass, ...) have Dutch and
/// English names; outcomes the designer typed (Goedkeuren, Afwijzen) are shown as typed.
/// </summary>
public static class OutcomeText
{
    public static string Of(IStringLocalizer<SharedResource> localizer, string outcome)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer["Outcome." + outcome];
        return text.ResourceNotFound ? outcome : text.Value;
    }
}
