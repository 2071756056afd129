using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace LsiWorkflow.Host.Shared.Api;

/// <summary>
/// Every text that enters through HTTP is checked where it enters, once for all endpoints: JSON bodies (every string
/// and field name, however the endpoint reads the body), form fields, uploaded file names, query strings and route
/// values. Text that cannot be stored or shown (half a UTF-16 surrogate pair, bytes that are no UTF-8, a NUL or other
/// control character; tab and line breaks are allowed in bodies and forms, which carry free text), a string longer
/// than <c>Api:MaxTextLength</c> or a number no column can hold is refused with 400 and the path of the field, before
/// any endpoint, use case or the database sees it.
/// </summary>
/// <remarks>
/// Runs after authorization, so a caller who may not call the endpoint learns nothing from it. Bodies that are no
/// JSON at all are left to the binder, which refuses them with the path of the problem.
/// </remarks>
internal sealed class InputCheck(RequestDelegate next, IConfiguration configuration, ILogger<InputCheck> log)
{
    private const int DefaultMaxTextLength = 20_000;

    private readonly int _maxTextLength = configuration.GetValue("Api:MaxTextLength", DefaultMaxTextLength);

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var errors = new Dictionary<string, string[]>();
        CheckQueryAndRoute(context.Request, errors);
        if (errors.Count == 0 && IsJson(context.Request) && context.GetEndpoint()?.Metadata.GetMetadata<BodyCheckedByEndpoint>() is null)
        {
            await CheckJsonAsync(context.Request, errors);
        }
        // A form whose anti-forgery token failed may not be read; its endpoint refuses it (400) without reading it.
        else if (errors.Count == 0 && context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: false }
            && context.Request.HasFormContentType)
        {
            await CheckFormAsync(context.Request, errors);
        }
        if (errors.Count == 0)
        {
            await next(context);
            return;
        }
        log.LogInformation("Request refused (400): text that cannot be stored at {Paths}", string.Join(", ", errors.Keys));
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var first = errors.First();
        await problems.WriteAsync(new()
        {
            HttpContext = context,
            ProblemDetails = new ValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Ongeldig verzoek",
                Detail = $"{first.Value[0]} ({first.Key})",
            },
        });
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type
        && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private void CheckQueryAndRoute(HttpRequest request, Dictionary<string, string[]> errors)
    {
        foreach (var (name, values) in request.Query)
        {
            Check(name, name, freeText: false, errors, isName: true);
            CheckAll(name, values, freeText: false, errors);
        }
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text)
            {
                Check(name, text, freeText: false, errors);
            }
        }
    }

    private async Task CheckJsonAsync(HttpRequest request, Dictionary<string, string[]> errors)
    {
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        var problems = new List<ValidationProblem>();
        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!StorableJson.Check(json.Span, problems, _maxTextLength))
        {
            return; // no JSON at all: the binder says where it breaks
        }
        foreach (var byPath in problems.GroupBy(p => p.Path))
        {
            errors[byPath.Key] = [.. byPath.Select(p => p.Message)];
        }
        if (errors.Count == 0 && request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } bodyType)
        {
            CheckRequiredFields(bodyType, json, errors);
        }
    }

    /// <summary>
    /// A field the body type cannot do without (a constructor parameter that is neither nullable nor has a default)
    /// but the body leaves out: the binder would pass null on and the use case fail with a 500.
    /// </summary>
    private static void CheckRequiredFields(Type bodyType, ReadOnlyMemory<byte> json, Dictionary<string, string[]> errors)
    {
        var required = RequiredFields.GetOrAdd(bodyType, FindRequiredFields);
        if (required.Length == 0)
        {
            return;
        }
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var present = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in required.Where(n => !present.Contains(n)))
        {
            errors[$"$.{name}"] = [$"Het verplichte veld '{name}' ontbreekt."];
        }
    }

    private static readonly ConcurrentDictionary<Type, string[]> RequiredFields = new();

    private static string[] FindRequiredFields(Type type)
    {
        if (!type.IsClass || type == typeof(string) || typeof(JsonNode).IsAssignableFrom(type) || typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return [];
        }
        var constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length);
        if (constructor is null)
        {
            return [];
        }
        var nullability = new NullabilityInfoContext();
        return [.. constructor.GetParameters()
            .Where(p => !p.ParameterType.IsValueType && !p.HasDefaultValue && nullability.Create(p).WriteState == NullabilityState.NotNull)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))];
    }

    private async Task CheckFormAsync(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        foreach (var (name, values) in form)
        {
            Check(name, name, freeText: false, errors, isName: true);
            CheckAll(name, values, freeText: true, errors);
        }
        for (var i = 0; i < form.Files.Count; i++)
        {
            var file = form.Files[i];
            Check($"{file.Name}.fileName", file.FileName, freeText: false, errors, maxLength: 255);
        }
    }

    private void CheckAll(string path, StringValues values, bool freeText, Dictionary<string, string[]> errors)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Check(values.Count == 1 ? path : string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), values[i], freeText, errors);
        }
    }

    private void Check(string path, string? text, bool freeText, Dictionary<string, string[]> errors, bool isName = false, int? maxLength = null)
    {
        if (text is null || errors.ContainsKey(path))
        {
            return;
        }
        var limit = maxLength ?? _maxTextLength;
        var what = isName ? "De naam van dit veld" : "De tekst";
        if (text.Length > limit)
        {
            errors[path] = [$"{what} is langer dan {limit} tekens."];
        }
        else if (Fault(text, freeText) is { } fault)
        {
            errors[path] = [$"{what} bevat {fault}."];
        }
    }

    /// <summary>What in the text cannot be stored or shown, or null.</summary>
    internal static string? Fault(string text, bool freeText)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"een halve UTF-16-tekencode (U+{(int)c:X4}) zonder zijn andere helft, die niet kan worden opgeslagen of getoond";
            }
            else if (c == '\0')
            {
                return "een nul-teken (U+0000), dat niet kan worden opgeslagen of getoond";
            }
            else if (char.IsControl(c) && !(freeText && c is '\t' or '\n' or '\r'))
            {
                return $"het stuurteken U+{(int)c:X4}, dat niet kan worden opgeslagen of getoond"
                    + (freeText ? "; alleen tab en regeleinde zijn toegestaan" : "");
            }
        }
        return null;
    }
}

/// <summary>
/// Marks an endpoint that checks the text of its JSON body itself, with the same rules and paths of its own (the
/// designer's validator, whose paths start at the definition and whose <c>validate</c> lists problems rather than
/// refusing). Query strings and route values are still checked.
/// </summary>
public sealed class BodyCheckedByEndpoint
{
    public static readonly BodyCheckedByEndpoint Instance = new();

    private BodyCheckedByEndpoint()
    {
    }
}

internal static class InputCheckExtensions
{
    /// <summary>The check of every text that enters; after authorization, before the endpoints.</summary>
    public static IApplicationBuilder UseLsiInputCheck(this IApplicationBuilder app) => app.UseMiddleware<InputCheck>();
}
