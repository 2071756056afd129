using System.Security.Cryptography;

namespace LsiWorkflow.Host.Shared.Api;

/// <summary>Headers every response carries: no sniffing, no framing by other sites, no referrer leaks.</summary>
public static class SecurityHeaders
{
    private const string NonceKey = "lsi.csp-nonce";

    /// <summary>
    /// Scripts only from the host itself, so injected markup cannot run; the one inline script the app writes, the
    /// import map of its fingerprinted assets, runs by the nonce of its response. MudBlazor and the diagram set
    /// inline styles.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The nonce of this response's content security policy, for the page's inline import map.</summary>
    public static string ScriptNonce(this HttpContext context) =>
        context.Items.TryGetValue(NonceKey, out var nonce) && nonce is string value ? value : "";

    public static IApplicationBuilder UseLsiSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            return Task.CompletedTask;
        });
        await next();
    });
}
