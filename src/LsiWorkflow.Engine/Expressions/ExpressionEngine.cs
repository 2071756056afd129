using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace LsiWorkflow.Engine.Expressions;

/// <summary>Bounds that keep a definition author's expression from harming the host.</summary>
public sealed record ExpressionLimits
{
    /// <summary>Cumulative loop iterations per evaluation.</summary>
    public int LoopLimit { get; init; } = 10_000;

    /// <summary>Function recursion depth.</summary>
    public int RecursiveLimit { get; init; } = 50;

    /// <summary>Longest string or rendered output, in characters.</summary>
    public int MaxOutputLength { get; init; } = 100_000;

    /// <summary>Longest array an expression may return.</summary>
    public int MaxArrayLength { get; init; } = 10_000;

    /// <summary>
    /// Wall-clock bound per evaluation. The loop, recursion and output limits bound the work itself; this is the
    /// backstop, and wall-clock time is also used up by a machine short of CPU or a long garbage collection without
    /// the expression doing anything, so it is generous (at 2 s plain task titles faulted under load).
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(4);
}

/// <summary>The data an expression can see. Nothing else is reachable.</summary>
public sealed record ExpressionScope
{
    /// <summary>Workflow variables; also visible by their own names.</summary>
    public JsonObject Variables { get; init; } = [];

    /// <summary>Start input.</summary>
    public JsonObject Input { get; init; } = [];

    /// <summary>Activity outputs by activity id.</summary>
    public JsonObject Activities { get; init; } = [];

    /// <summary>Instance id.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>Definition id.</summary>
    public string DefinitionId { get; init; } = "";

    /// <summary>Definition version.</summary>
    public int DefinitionVersion { get; init; }

    /// <summary>The current time, from the runner's clock.</summary>
    public DateTimeOffset Now { get; init; }
}

/// <summary>An expression or template could not be parsed or evaluated; the runner records it as an incident.</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}

/// <summary>
/// Scriban in a sandbox: scripts see only plain data built from JSON, have no template loader, and are bounded in
/// loops, recursion, output size and time. Parsed scripts are cached, so one engine is shared per host.
/// </summary>
public sealed class ExpressionEngine
{
    private const int MaxCachedTemplates = 4096;
    private const int MaxDepth = 64;

    // Names a script must not reach: include would load other templates, import copies members into scope.
    private static readonly string[] RemovedBuiltins = ["include", "import"];

    private static readonly string[] ReservedNames = ["variables", "input", "activities", "instance", "now"];

    private readonly ConcurrentDictionary<(string Text, bool IsTemplate), Template> _cache = new();

    // Scriban's default builtins are deep-copied for every context, which made building the context the costliest
    // part of an evaluation. Here they are built once per engine and frozen, so that no script can change them for
    // the next one; a script that tries gets an error.
    private readonly ScriptObject _builtins = CreateBuiltins();

    /// <summary>Creates an engine with the given limits (defaults otherwise).</summary>
    public ExpressionEngine(ExpressionLimits? limits = null) => Limits = limits ?? new ExpressionLimits();

    /// <summary>The limits in force.</summary>
    public ExpressionLimits Limits { get; }

    /// <summary>Returns null when the text parses, otherwise a plain Dutch error.</summary>
    public string? Check(string expressionOrTemplate, bool isTemplate)
    {
        ArgumentNullException.ThrowIfNull(expressionOrTemplate);
        var template = Parse(expressionOrTemplate, isTemplate, cache: false);
        return template.HasErrors ? Describe(template, isTemplate) : null;
    }

    /// <summary>Evaluates an expression to a JSON value.</summary>
    public JsonNode? Evaluate(string expression, ExpressionScope scope)
    {
        var value = Run(expression, isTemplate: false, scope, static (template, context) => template.Evaluate(context));
        return ToJson(value, 0);
    }

    /// <summary>Evaluates a condition; anything but a boolean (or null, read as false) is an error.</summary>
    public bool EvaluateCondition(string expression, ExpressionScope scope)
    {
        var value = Run(expression, isTemplate: false, scope, static (template, context) => template.Evaluate(context));
        return value switch
        {
            null => false,
            bool b => b,
            _ => throw new ExpressionException($"De voorwaarde '{expression}' levert geen waar/onwaar op maar '{value}'."),
        };
    }

    /// <summary>Renders a template (text with <c>{{ }}</c>).</summary>
    public string Render(string template, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!template.Contains('{', StringComparison.Ordinal) && template.Length <= Limits.MaxOutputLength)
        {
            return template; // plain text (most titles and descriptions) renders as itself
        }
        var output = Run(template, isTemplate: true, scope, static (parsed, context) => parsed.Render(context));
        return output as string ?? "";
    }

    private object? Run(string text, bool isTemplate, ExpressionScope scope, Func<Template, TemplateContext, object?> run)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            return RunChecked(text, isTemplate, scope, run);
        }
        catch (ExpressionException)
        {
            EngineMetrics.ExpressionFaults.Add(1);
            throw;
        }
    }

    private object? RunChecked(string text, bool isTemplate, ExpressionScope scope, Func<Template, TemplateContext, object?> run)
    {
        var template = Parse(text, isTemplate, cache: true);
        if (template.HasErrors)
        {
            throw new ExpressionException(Describe(template, isTemplate));
        }

        using var timeout = new CancellationTokenSource(Limits.Timeout);
        var context = CreateContext(scope, timeout.Token);
        try
        {
            return run(template, context);
        }
        catch (Exception ex) when (ex is ScriptAbortException or OperationCanceledException)
        {
            throw new ExpressionException($"De expressie duurde langer dan {Limits.Timeout.TotalSeconds:0.###} seconden en is afgebroken.", ex);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new ExpressionException($"De expressie '{Shorten(text)}' faalt: {ex.OriginalMessage}", ex);
        }
        catch (Exception ex) when (ex is not ExpressionException)
        {
            // The sandbox boundary: whatever goes wrong inside Scriban becomes one plain error, never a crash.
            throw new ExpressionException($"De expressie '{Shorten(text)}' faalt: {ex.Message}", ex);
        }
    }

    private Template Parse(string text, bool isTemplate, bool cache)
    {
        if (cache && _cache.TryGetValue((text, isTemplate), out var cached))
        {
            return cached;
        }
        var lexerOptions = new LexerOptions { Mode = isTemplate ? ScriptMode.Default : ScriptMode.ScriptOnly };
        var template = Template.Parse(text, sourceFilePath: null, parserOptions: default, lexerOptions: lexerOptions);
        if (cache)
        {
            if (_cache.Count >= MaxCachedTemplates)
            {
                _cache.Clear();
            }
            _cache[(text, isTemplate)] = template;
        }
        return template;
    }

    private static string Describe(Template template, bool isTemplate)
    {
        var what = isTemplate ? "Het sjabloon" : "De expressie";
        var messages = string.Join("; ", template.Messages.Select(m => m.Message));
        return $"{what} kan niet worden gelezen: {messages}";
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private static ScriptObject CreateBuiltins()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        foreach (var name in RemovedBuiltins)
        {
            builtins.Remove(name);
        }
        Freeze(builtins);
        return builtins;
    }

    private static void Freeze(ScriptObject target)
    {
        foreach (var (_, value) in target)
        {
            if (value is ScriptObject inner)
            {
                Freeze(inner);
            }
        }
        target.IsReadOnly = true;
    }

    private TemplateContext CreateContext(ExpressionScope scope, CancellationToken cancellationToken)
    {
        var context = new TemplateContext(_builtins)
        {
            LoopLimit = Limits.LoopLimit,
            LoopLimitQueryable = Limits.LoopLimit,
            RecursiveLimit = Limits.RecursiveLimit,
            LimitToString = Limits.MaxOutputLength,
            OutputLimit = Limits.MaxOutputLength,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            ObjectRecursionLimit = MaxDepth,
            RegexTimeOut = Limits.Timeout,
            // Only ScriptObjects built from JSON are exposed; no reflected .NET member is ever readable.
            MemberFilter = static _ => false,
            TemplateLoader = null,
            CancellationToken = cancellationToken,
            StrictVariables = false,
        };
        context.PushGlobal(CreateGlobals(scope, _builtins));
        return context;
    }

    private static ScriptObject CreateGlobals(ExpressionScope scope, ScriptObject builtins)
    {
        var globals = new ScriptObject();
        var variables = ToScriptObject(scope.Variables, 0);
        foreach (var (name, value) in variables)
        {
            if (!ReservedNames.Contains(name) && !builtins.ContainsKey(name))
            {
                globals[name] = value;
            }
        }
        globals["variables"] = variables;
        globals["input"] = ToScriptObject(scope.Input, 0);
        globals["activities"] = ToScriptObject(scope.Activities, 0);
        globals["instance"] = new ScriptObject
        {
            ["id"] = scope.InstanceId.ToString(),
            ["definition_id"] = scope.DefinitionId,
            ["definitionId"] = scope.DefinitionId,
            ["version"] = scope.DefinitionVersion,
        };
        globals["now"] = scope.Now.UtcDateTime;

        // date.now would read the machine clock; a copy of the date functions that answers with the runner's clock
        // keeps scripts in step with time-based tests and replays.
        if (builtins["date"] is ScriptObject dates)
        {
            var clocked = new ScriptObject();
            foreach (var (name, value) in dates)
            {
                clocked[name] = value;
            }
            clocked["now"] = scope.Now.UtcDateTime;
            clocked["utc_now"] = scope.Now.UtcDateTime;
            globals["date"] = clocked;
        }
        return globals;
    }

    private static ScriptObject ToScriptObject(JsonObject json, int depth)
    {
        var result = new ScriptObject();
        foreach (var (name, value) in json)
        {
            result[name] = ToScript(value, depth + 1);
        }
        return result;
    }

    private static object? ToScript(JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ExpressionException("De gegevens zijn te diep genest voor een expressie.");
        }
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                return ToScriptObject(obj, depth);
            case JsonArray array:
                var list = new ScriptArray(array.Count);
                foreach (var item in array)
                {
                    list.Add(ToScript(item, depth + 1));
                }
                return list;
            default:
                var value = node.AsValue();
                switch (value.GetValueKind())
                {
                    case JsonValueKind.True:
                        return true;
                    case JsonValueKind.False:
                        return false;
                    case JsonValueKind.Null:
                        return null;
                    case JsonValueKind.Number:
                        if (value.TryGetValue(out int i))
                        {
                            return i;
                        }
                        if (value.TryGetValue(out long l))
                        {
                            return l;
                        }
                        return value.Deserialize<double>();
                    default:
                        return value.TryGetValue(out string? s) ? s : value.Deserialize<string>();
                }
        }
    }

    private JsonNode? ToJson(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ExpressionException("Het resultaat van de expressie is te diep genest.");
        }
        switch (value)
        {
            case null:
                return null;
            case string s when s.Length > Limits.MaxOutputLength:
                // Concatenation caps each operand, not the sum, so a result can outgrow the limit.
                throw new ExpressionException($"Het resultaat van de expressie is langer dan {Limits.MaxOutputLength} tekens.");
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case int or long or short or byte or sbyte or ushort or uint:
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case double or float or decimal or ulong or System.Numerics.BigInteger:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d))
                {
                    throw new ExpressionException("De expressie levert geen eindig getal op.");
                }
                return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
            case DateTime dt:
                return JsonValue.Create(dt.ToString("O", CultureInfo.InvariantCulture));
            case DateTimeOffset dto:
                return JsonValue.Create(dto.ToString("O", CultureInfo.InvariantCulture));
            case TimeSpan ts:
                return JsonValue.Create(XmlConvert.ToString(ts));
            case IDictionary<string, object?> map:
                var obj = new JsonObject();
                foreach (var (key, item) in map)
                {
                    obj[key] = ToJson(item, depth + 1);
                }
                return obj;
            case IEnumerable sequence:
                var array = new JsonArray();
                foreach (var item in sequence)
                {
                    if (array.Count >= Limits.MaxArrayLength)
                    {
                        throw new ExpressionException($"De expressie levert een lijst van meer dan {Limits.MaxArrayLength} elementen op.");
                    }
                    array.Add(ToJson(item, depth + 1));
                }
                return array;
            default:
                throw new ExpressionException($"De expressie levert een waarde op die geen gegevens zijn ({value.GetType().Name}).");
        }
    }
}
