using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LsiWorkflow.Host.Shared.Api;

/// <summary>
/// The API description as generated clients need it (<c>/openapi/v1.json</c>): the bearer scheme of
/// <c>POST /api/auth/token</c>, a stable <c>operationId</c> on every operation, and the problem+json answers
/// each operation can give. The rules hold for every endpoint by construction, so a new one cannot miss them;
/// <c>OpenApiDescriptionTests</c> checks the running host's document against them.
/// </summary>
public static partial class OpenApiDescription
{
    public const string BearerScheme = "Bearer";
    public const string ProblemContentType = "application/problem+json";

    public static IServiceCollection AddLsiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "LSI Workflow";
                document.Info.Description = "Werkstromen, registers en taken van de LSI. Meld aan met POST /api/auth/token en stuur het accessToken als bearer-token mee.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Het accessToken van POST /api/auth/token.",
                };
                MergeSameTemplates(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeOperationAsync);
        });

    /// <summary>
    /// An operation id from the endpoint's name when it has one, otherwise from its method and route
    /// (<c>GET /api/projects/{id}/audit.csv</c> becomes <c>getProjectsByIdAuditCsv</c>): stable as long as the route is.
    /// </summary>
    public static string OperationIdOf(string method, string route)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in route.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "api")
            {
                continue;
            }
            var parameter = segment.StartsWith('{');
            if (parameter)
            {
                id.Append("By");
            }
            foreach (var word in segment.Split(':')[0].Split(['{', '}', '.', '-', '_', '*'], StringSplitOptions.RemoveEmptyEntries))
            {
                id.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word.AsSpan(1));
            }
        }
        return id.ToString();
    }

    /// <summary>
    /// Routes that differ only in the names of their parameters (<c>POST /api/instances/{definitionId}</c>,
    /// <c>GET /api/instances/{instanceId}</c>) are one path to OpenAPI, which forbids two: they become one path
    /// whose differing parameters are called <c>id</c>, each operation's parameter describing what it is.
    /// </summary>
    private static void MergeSameTemplates(OpenApiDocument document)
    {
        var groups = document.Paths.Keys.GroupBy(p => PathParameter().Replace(p, "{}")).Where(g => g.Count() > 1).ToList();
        foreach (var group in groups)
        {
            var paths = group.Order(StringComparer.Ordinal).ToList();
            var names = paths.Select(NamesIn).ToList();
            var merged = names[0].Select((name, i) => names.All(n => n[i] == name) ? name : "id").ToList();
            var template = group.Key;
            foreach (var name in merged)
            {
                template = ReplaceFirst(template, "{}", "{" + name + "}");
            }
            var item = new OpenApiPathItem { Operations = [] };
            for (var i = 0; i < paths.Count; i++)
            {
                foreach (var (method, operation) in document.Paths[paths[i]].Operations ?? [])
                {
                    foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path) ?? [])
                    {
                        var position = names[i].IndexOf(parameter.Name!);
                        if (position >= 0 && merged[position] != parameter.Name)
                        {
                            parameter.Description = parameter.Description is null ? parameter.Name : $"{parameter.Name}: {parameter.Description}";
                            parameter.Name = merged[position];
                        }
                    }
                    item.Operations.TryAdd(method, operation);
                }
                document.Paths.Remove(paths[i]);
            }
            document.Paths[template] = item;
        }
    }

    private static List<string> NamesIn(string path) => [.. PathParameter().Matches(path).Select(m => m.Groups[1].Value)];

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return text[..at] + with + text[(at + what.Length)..];
    }

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex PathParameter();

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? "GET";
        operation.OperationId ??= metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName
            ?? OperationIdOf(method, description.RelativePath ?? "");

        var signedIn = !metadata.OfType<IAllowAnonymous>().Any()
            && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());
        var routeParameters = description.ParameterDescriptions.Any(p => p.Source.Id == "Path");
        var input = description.ParameterDescriptions.Any(p => p.Source.Id is "Path" or "Query" or "Body" or "Form" or "Header")
            || operation.RequestBody is not null;
        var changes = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);

        operation.Responses ??= [];
        if (signedIn)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "Niet aangemeld: geen of een verlopen token.", ct);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden, "Aangemeld, maar zonder het recht hiervoor.", ct);
        }
        if (input)
        {
            await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest, "Ongeldig verzoek; errors noemt per veld (JSON-pad) wat er mis is.", ct, validation: true);
        }
        if (routeParameters)
        {
            await AddProblemAsync(operation, context, StatusCodes.Status404NotFound, "Niet gevonden.", ct);
        }
        if (changes && signedIn)
        {
            await AddProblemAsync(operation, context, StatusCodes.Status409Conflict, "Geweigerd door een regel van het domein of de huidige toestand.", ct);
        }
        await AddProblemAsync(operation, context, StatusCodes.Status503ServiceUnavailable, "De database is tijdelijk niet bereikbaar; probeer het over enkele seconden opnieuw.", ct);
    }

    private static async Task AddProblemAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string text, CancellationToken ct, bool validation = false)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(code, out var existing) && existing.Content is { Count: > 0 })
        {
            return; // the endpoint says what it answers itself (ProducesProblem)
        }
        var schema = await context.GetOrCreateSchemaAsync(validation ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), null, ct);
        operation.Responses[code] = new OpenApiResponse
        {
            Description = existing?.Description ?? text,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemContentType] = new() { Schema = schema } },
        };
    }
}
