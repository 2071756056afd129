using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>Moves through a page the way a keyboard user does: Tab until the wanted control has focus, never a click.</summary>
public static class Keyboard
{
    /// <summary>Presses Tab until the focused element matches the selector; fails after as many presses as a person would give up at.</summary>
    public static async Task TabToAsync(IPage page, string selector, int maxPresses = 60)
    {
        for (var press = 0; press < maxPresses; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? ''");
        throw new Xunit.Sdk.XunitException($"Tab never reached {selector} in {maxPresses} presses; focus is on {focused}");
    }

    /// <summary>Tab to a link or button by its text (what a screen reader would read), then press the key.</summary>
    public static async Task TabToTextAsync(IPage page, string text, int maxPresses = 60)
    {
        for (var press = 0; press < maxPresses; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var name = await page.EvaluateAsync<string>("() => (document.activeElement?.innerText ?? '').trim()");
            if (name == text)
            {
                return;
            }
        }
        throw new Xunit.Sdk.XunitException($"Tab never reached \"{text}\" in {maxPresses} presses");
    }
}
