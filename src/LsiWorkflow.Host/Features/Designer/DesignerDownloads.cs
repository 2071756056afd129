using Microsoft.JSInterop;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>The designer's one piece of JavaScript: saving a generated file in the browser.</summary>
public sealed class DesignerDownloads(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    public async Task TextAsync(string fileName, string mimeType, string text) =>
        await (await ModuleAsync()).InvokeVoidAsync("downloadText", fileName, mimeType, text);

    public async Task PngAsync(string fileName, string svg) =>
        await (await ModuleAsync()).InvokeVoidAsync("downloadPng", fileName, svg);

    private async Task<IJSObjectReference> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./designer.js");

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // the circuit is gone, and the module with it
            }
        }
    }
}
