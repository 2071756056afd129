using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>
/// The editor for one activity property, chosen by the kind in its descriptor; no activity type has code of its own.
/// Kinds with structure of their own (form fields, cases, inputs, objects) are edited as JSON, checked as you type.
/// </summary>
public partial class PropertyEditor
{
    internal enum EditorMode { Text, Multiline, Template, Expression, Number, Boolean, Date, Choice, MultiChoice, Lines, Json, Duration, DurationList, FormBuilder }

    [Parameter, EditorRequired] public PropertyDescriptor Property { get; set; } = null!;

    [Parameter] public JsonNode? Value { get; set; }

    [Parameter] public EventCallback<JsonNode?> ValueChanged { get; set; }

    /// <summary>The names an expression here may use, offered to insert.</summary>
    [Parameter] public IReadOnlyList<VariableInReach> InReach { get; set; } = [];

    /// <summary>Shows raw JSON, ISO durations and the switch to expressions instead of the editors in words.</summary>
    [Parameter] public bool Advanced { get; set; }

    /// <summary>The field a chosen problem is about.</summary>
    [Parameter] public bool Highlighted { get; set; }

    [Inject] private UseCaseSender UseCases { get; set; } = null!;

    private string? text;
    private double? number;
    private IReadOnlyCollection<string> selected = [];
    private string? error;
    private string? shown;

    private bool IsExpressionValue => ActivityRegistry.IsExpression(Value, out _);

    internal EditorMode Mode => IsExpressionValue ? EditorMode.Expression : Advanced ? ModeOf(Property.Kind, Value) : PlainModeOf(Property.Kind, Value);

    /// <summary>The editor in words for a value it can show without loss; otherwise the same as in advanced mode.</summary>
    private static EditorMode PlainModeOf(PropertyKind kind, JsonNode? value) => kind switch
    {
        PropertyKind.Duration when value is null || SimpleDuration.TryParse(StringOf(value), out _) => EditorMode.Duration,
        PropertyKind.DurationList when value is null || value is JsonArray items && items.All(i => SimpleDuration.TryParse(StringOf(i), out _)) => EditorMode.DurationList,
        PropertyKind.FormFields when FormFieldsEditor.Fits(value) => EditorMode.FormBuilder,
        _ => ModeOf(kind, value),
    };

    private IReadOnlyList<string> durations = [];

    /// <summary>Expressions and templates are checked while typed; other text is taken when the field is left.</summary>
    private bool ChecksAsYouType => Mode is EditorMode.Expression or EditorMode.Template;

    private string Label => (Property.DisplayName ?? Property.Name) + (Property.Required ? " *" : "");

    private string? Help => Mode switch
    {
        EditorMode.Lines => L["Designer.OnePerLine"],
        EditorMode.Json when Property.Description is null => L["Designer.JsonHelp"],
        _ => Property.Description,
    };

    /// <summary>What a duration counts from, in words; the descriptor's own text gives ISO examples.</summary>
    private string? DurationHelp => L[$"Designer.Help.{Property.Name}"] is { ResourceNotFound: false } help ? help.Value : null;

    private int Lines => Mode switch
    {
        EditorMode.Multiline or EditorMode.Template or EditorMode.Lines => 3,
        EditorMode.Json => 5,
        _ => 1,
    };

    private IReadOnlyList<string> Choices => Property.Kind switch
    {
        PropertyKind.Organisation or PropertyKind.Organisations => [.. Organisations.All().Select(o => o.Code)],
        PropertyKind.Role => [.. Roles.All.Append(text ?? "").Where(r => r.Length > 0).Distinct()],
        _ => Property.Choices ?? [],
    };

    private static EditorMode ModeOf(PropertyKind kind, JsonNode? value) => kind switch
    {
        // A value of another shape than the kind expects is still shown, as JSON, rather than lost.
        _ when value is JsonObject && kind is not (PropertyKind.Object or PropertyKind.FormFields or PropertyKind.Cases or PropertyKind.Inputs) => EditorMode.Json,
        PropertyKind.MultilineText => EditorMode.Multiline,
        PropertyKind.Template => EditorMode.Template,
        PropertyKind.Expression => EditorMode.Expression,
        PropertyKind.Number => EditorMode.Number,
        PropertyKind.Boolean => EditorMode.Boolean,
        PropertyKind.Date => EditorMode.Date,
        PropertyKind.Choice or PropertyKind.Organisation or PropertyKind.Role => EditorMode.Choice,
        PropertyKind.Organisations => EditorMode.MultiChoice,
        PropertyKind.OutcomeList or PropertyKind.StringList or PropertyKind.DurationList => EditorMode.Lines,
        PropertyKind.FormFields or PropertyKind.Cases or PropertyKind.Inputs or PropertyKind.Object => EditorMode.Json,
        _ => EditorMode.Text,
    };

    protected override async Task OnParametersSetAsync()
    {
        var incoming = Value?.ToJsonString();
        if (incoming == shown)
        {
            return; // our own change coming back: keep what is typed
        }
        shown = incoming;
        error = null;
        number = Value is JsonValue n && n.TryGetValue(out double d) ? d : null;
        selected = Value is JsonArray items ? [.. items.Select(i => i?.ToString() ?? "")] : [];
        durations = selected.ToList();
        text = Mode switch
        {
            EditorMode.Expression => ActivityRegistry.IsExpression(Value, out var expression) ? expression : StringOf(Value),
            EditorMode.Lines => Value is JsonArray list ? string.Join('\n', list.Select(i => i?.ToString())) : StringOf(Value),
            EditorMode.Json => Value?.ToJsonString(DefinitionSerializer.Options),
            _ => StringOf(Value),
        };
        if (Mode is EditorMode.Expression or EditorMode.Template && !string.IsNullOrEmpty(text))
        {
            error = (await UseCases.SendAsync(me => new CheckExpression(me, text, Mode == EditorMode.Template))).Error;
        }
    }

    private static string? StringOf(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => value.ToJsonString(),
    };

    /// <summary>Names, not codes: organisations by name, roles and known choices in the user's language.</summary>
    private string ChoiceText(string choice)
    {
        if (Property.Kind is PropertyKind.Organisation or PropertyKind.Organisations)
        {
            return Organisations.All().FirstOrDefault(o => o.Code == choice)?.Name ?? choice;
        }
        var text = Property.Kind == PropertyKind.Role ? L["Role." + choice] : L[$"Designer.Choice.{Property.Name}.{choice}"];
        return text.ResourceNotFound ? choice : text.Value;
    }

    private Task SetDurationAsync(string? iso) => EmitAsync(iso is null ? null : JsonValue.Create(iso));

    private Task SetDurationAtAsync(int index, string? iso)
    {
        var list = durations.ToList();
        list[index] = iso ?? "";
        return SetDurationsAsync(list);
    }

    private Task AddDurationAsync() => SetDurationsAsync([.. durations, ""]);

    private Task RemoveDurationAsync(int index) => SetDurationsAsync([.. durations.Where((_, i) => i != index)]);

    /// <summary>Keeps the rows as shown (an empty one included) but stores only the complete durations.</summary>
    private Task SetDurationsAsync(IReadOnlyList<string> list)
    {
        durations = list;
        var complete = list.Where(d => d.Length > 0).ToList();
        return EmitAsync(complete.Count == 0 ? null : new JsonArray([.. complete.Select(d => (JsonNode?)JsonValue.Create(d))]));
    }

    private async Task SetTextAsync(string? value)
    {
        text = value;
        error = null;
        JsonNode? node;
        if (string.IsNullOrWhiteSpace(value))
        {
            node = null;
        }
        else
        {
            switch (Mode)
            {
                case EditorMode.Expression:
                    error = (await UseCases.SendAsync(me => new CheckExpression(me, value, IsTemplate: false))).Error;
                    node = IsExpressionValue ? new JsonObject { ["expr"] = value } : JsonValue.Create(value);
                    break;
                case EditorMode.Template:
                    error = (await UseCases.SendAsync(me => new CheckExpression(me, value, IsTemplate: true))).Error;
                    node = JsonValue.Create(value);
                    break;
                case EditorMode.Lines:
                    node = new JsonArray([.. value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode?)JsonValue.Create(l))]);
                    break;
                case EditorMode.Json:
                    try
                    {
                        node = JsonNode.Parse(value);
                    }
                    catch (JsonException ex)
                    {
                        error = string.Format(CultureInfo.CurrentCulture, L["Designer.InvalidJson"], ex.Message);
                        return; // nothing half-typed reaches the definition
                    }
                    break;
                default:
                    node = JsonValue.Create(value.Trim());
                    break;
            }
        }
        await EmitAsync(node);
    }

    /// <summary>Adds a name at the end of the expression (a template gets it between braces).</summary>
    private Task InsertAsync(string name)
    {
        var piece = Mode == EditorMode.Template ? $"{{{{ {name} }}}}" : name;
        var current = text ?? "";
        return SetTextAsync(current.Length == 0 || current.EndsWith(' ') ? current + piece : $"{current} {piece}");
    }

    private Task SetNumberAsync(double? value)
    {
        number = value;
        JsonNode? node = value switch
        {
            null => null,
            { } d when d == Math.Floor(d) && Math.Abs(d) < int.MaxValue => JsonValue.Create((int)d),
            { } d => JsonValue.Create(d),
        };
        return EmitAsync(node);
    }

    private Task SetBooleanAsync(bool value) => EmitAsync(JsonValue.Create(value));

    private Task SetManyAsync(IEnumerable<string>? values)
    {
        selected = values?.ToList() ?? [];
        return EmitAsync(selected.Count > 0 ? new JsonArray([.. selected.Select(v => (JsonNode?)JsonValue.Create(v))]) : null);
    }

    /// <summary>Switches between a fixed value and an expression <c>{ "expr": ... }</c>, keeping the text.</summary>
    private Task ToggleExpressionAsync()
    {
        if (ActivityRegistry.IsExpression(Value, out var expression))
        {
            return EmitAsync(string.IsNullOrEmpty(expression) ? null : JsonValue.Create(expression), refresh: true);
        }
        return EmitAsync(new JsonObject { ["expr"] = StringOf(Value) ?? "" }, refresh: true);
    }

    private async Task EmitAsync(JsonNode? node, bool refresh = false)
    {
        shown = refresh ? null : node?.ToJsonString();
        await ValueChanged.InvokeAsync(node);
    }
}
