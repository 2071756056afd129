using System.Globalization;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace LsiWorkflow.Host.Features.Publications;

/// <summary>
/// The public page: what the LSI published, and what it withdrew, with when and why. The secretariat publishes a
/// document here (its file checked by its bytes in the use case) and withdraws one with the reason.
/// </summary>
public partial class PublicationsPage
{
    private IReadOnlyList<PublicationView> publications = [];
    private readonly Dictionary<Guid, string?> withdrawReasons = [];
    private string? title;
    private string kind = PublicationKinds.LetterToParliament;
    private string? category;
    private string? summary;
    private DocumentUpload? file;
    private string? message;
    private Severity messageSeverity = Severity.Info;
    private bool busy;

    [Inject]
    private UseCaseSender Sender { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => publications = await QueryAsync(actor => new ListPublications(actor));

    private static DateOnly Local(DateTimeOffset at) => DomainRules.DayInTheNetherlands(at);

    private static string SizeText(long? bytes) => bytes switch
    {
        null => "",
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{Math.Max(1, bytes.Value / 1024)} kB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes.Value / (1024.0 * 1024):0.0} MB"),
    };

    /// <summary>Reads the chosen file; one larger than the limit is refused here already, the rest is checked by the use case.</summary>
    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        file = null;
        message = null;
        if (e.File.Size > DocumentFormats.MaxBytes)
        {
            Warn(L["Publications.TooLarge"]);
            return;
        }

        await using var stream = e.File.OpenReadStream(DocumentFormats.MaxBytes);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        file = new DocumentUpload(e.File.Name, buffer.ToArray());
    }

    private async Task PublishAsync()
    {
        await RunAsync(actor => Sender.SendAsync(new PublishDocument(title!, kind, summary, null, actor, null, category, file)), L["Publications.Published"]);
        if (messageSeverity == Severity.Success)
        {
            title = null;
            summary = null;
            category = null;
            file = null;
        }
    }

    private Task WithdrawAsync(Guid id) =>
        RunAsync(async actor =>
        {
            await Sender.SendAsync(new WithdrawDocument(id, withdrawReasons[id]!, actor));
            withdrawReasons.Remove(id);
            return id;
        }, L["Publications.Withdrawn"]);

    private async Task RunAsync(Func<Actor, Task<Guid>> action, string done)
    {
        busy = true;
        message = null;
        try
        {
            await action(await Sender.ActorAsync());
            message = done;
            messageSeverity = Severity.Success;
            await LoadAsync();
        }
        catch (UseCaseException refused)
        {
            Warn(refused.Message);
        }
        finally
        {
            busy = false;
        }
    }

    private void Warn(string text)
    {
        message = text;
        messageSeverity = Severity.Warning;
    }
}
