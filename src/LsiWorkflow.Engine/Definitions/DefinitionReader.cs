using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LsiWorkflow.Engine.Activities;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>
/// Reading definition JSON into the model. Every problem of structure is reported with its JSON path
/// (<c>$.activities[1].properties</c>), matching <c>workflows/workflow.schema.json</c>; what cannot be read is
/// left empty, so the later checks still run on everything else and their paths stay right.
/// </summary>
internal static partial class DefinitionReader
{
    private static readonly string[] TopLevelFields = ["schemaVersion", "id", "name", "version", "description", "variables", "activities", "connections"];
    private static readonly string[] VariableFields = ["name", "type", "default"];
    private static readonly string[] ActivityFields = ["id", "type", "displayName", "position", "properties"];
    private static readonly string[] ConnectionFields = ["source", "outcome", "target"];

    /// <summary>
    /// Parses <paramref name="utf8Json"/> (or <paramref name="json"/>, the same text, when the caller has it) into an object,
    /// or reports why it cannot: text or numbers that cannot be stored, JSON that does not parse, or JSON that is no object.
    /// </summary>
    public static JsonObject? Parse(ReadOnlySpan<byte> utf8Json, string? json, List<ValidationProblem> problems)
    {
        var before = problems.Count;
        if (StorableJson.Check(utf8Json, problems) && problems.Count > before)
        {
            // The rest would read text that cannot be decoded faithfully; these problems come first, like broken JSON.
            return null;
        }
        JsonNode? root;
        try
        {
            // A duplicated name would otherwise surface later, as an exception of the node model instead of a problem.
            var options = new JsonDocumentOptions { AllowDuplicateProperties = false };
            root = json is null ? JsonNode.Parse(utf8Json, documentOptions: options) : JsonNode.Parse(json, documentOptions: options);
        }
        catch (JsonException ex)
        {
            problems.Add(new(ValidationCodes.InvalidJson, "$", $"De definitie is geen geldige JSON: {ex.Message}"));
            return null;
        }
        if (root is not JsonObject obj)
        {
            problems.Add(new(ValidationCodes.WrongFieldType, "$", "De definitie moet een JSON-object zijn."));
            return null;
        }
        return obj;
    }

    /// <summary>Reads the definition's fields into the model, reporting each missing, mistyped or unknown field by its path.</summary>
    public static WorkflowDefinition Read(JsonObject root, List<ValidationProblem> problems)
    {
        CheckFields(root, "$", TopLevelFields, problems);
        var schemaVersion = ReadInt(root, "schemaVersion", "$", problems, required: true) ?? WorkflowDefinition.CurrentSchemaVersion;
        var id = ReadString(root, "id", "$", problems, required: true, nonEmpty: true);
        if (id is not null && !string.IsNullOrWhiteSpace(id) && !DefinitionIdPattern().IsMatch(id))
        {
            problems.Add(new(ValidationCodes.WrongFieldType, "$.id",
                "Het id bestaat uit letters, cijfers, '-', '_' en '.', begint met een letter of cijfer en telt hoogstens 100 tekens: het staat in adressen."));
        }
        var name = ReadString(root, "name", "$", problems, required: true, nonEmpty: true);
        var version = ReadInt(root, "version", "$", problems, required: true) ?? 1;
        if (version < 1)
        {
            problems.Add(new(ValidationCodes.WrongFieldType, "$.version", "De versie moet 1 of hoger zijn."));
        }
        var description = ReadString(root, "description", "$", problems, required: false);

        var variables = ReadArray(root, "variables", "$", problems, (node, path) =>
        {
            CheckFields(node, path, VariableFields, problems);
            return new VariableDefinition
            {
                Name = ReadString(node, "name", path, problems, required: true, nonEmpty: true) ?? "",
                Type = ReadString(node, "type", path, problems, required: true) ?? VariableTypes.String,
                Default = node["default"]?.DeepClone(),
            };
        });
        var activities = ReadArray(root, "activities", "$", problems, (node, path) =>
        {
            CheckFields(node, path, ActivityFields, problems);
            Position? position = null;
            if (node.TryGetPropertyValue("position", out var p))
            {
                if (p is JsonObject positionObject)
                {
                    CheckFields(positionObject, $"{path}.position", ["x", "y"], problems);
                    var x = ReadNumber(positionObject, "x", $"{path}.position", problems);
                    var y = ReadNumber(positionObject, "y", $"{path}.position", problems);
                    position = new Position(x ?? 0, y ?? 0);
                }
                else
                {
                    problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.position", "'position' moet een object met x en y zijn."));
                }
            }
            JsonObject? properties = null;
            if (node.TryGetPropertyValue("properties", out var props))
            {
                properties = props as JsonObject;
                if (properties is null)
                {
                    problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.properties", "'properties' moet een object zijn."));
                }
            }
            return new ActivityDefinition
            {
                Id = ReadString(node, "id", path, problems, required: true, nonEmpty: true) ?? "",
                Type = ReadString(node, "type", path, problems, required: true, nonEmpty: true) ?? "",
                DisplayName = ReadString(node, "displayName", path, problems, required: false),
                Position = position,
                Properties = (JsonObject?)properties?.DeepClone(),
            };
        });
        var connections = ReadArray(root, "connections", "$", problems, (node, path) =>
        {
            CheckFields(node, path, ConnectionFields, problems);
            return new ConnectionDefinition
            {
                Source = ReadString(node, "source", path, problems, required: true, nonEmpty: true) ?? "",
                Outcome = ReadString(node, "outcome", path, problems, required: false, nonEmpty: true),
                Target = ReadString(node, "target", path, problems, required: true, nonEmpty: true) ?? "",
            };
        });

        return new WorkflowDefinition
        {
            SchemaVersion = schemaVersion,
            Id = id ?? "",
            Name = name ?? "",
            Version = version,
            Description = description,
            Variables = variables,
            Activities = activities,
            Connections = connections,
        };
    }

    private static void CheckFields(JsonObject node, string path, string[] allowed, List<ValidationProblem> problems)
    {
        foreach (var (name, _) in node)
        {
            if (!allowed.Contains(name))
            {
                problems.Add(new(ValidationCodes.UnknownField, $"{path}.{name}", $"Onbekend veld '{name}'."));
            }
        }
    }

    private static string? ReadString(JsonObject node, string field, string path, List<ValidationProblem> problems, bool required, bool nonEmpty = false)
    {
        if (!node.TryGetPropertyValue(field, out var value) || value is null)
        {
            if (required)
            {
                problems.Add(new(ValidationCodes.MissingField, $"{path}.{field}", $"Het verplichte veld '{field}' ontbreekt."));
            }
            return null;
        }
        var text = ActivityValidationContext.Text(value);
        if (text is null || (nonEmpty && string.IsNullOrWhiteSpace(text)))
        {
            problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.{field}", $"Het veld '{field}' moet een {(nonEmpty ? "niet-lege " : "")}tekst zijn."));
            return null;
        }
        return text;
    }

    private static int? ReadInt(JsonObject node, string field, string path, List<ValidationProblem> problems, bool required)
    {
        if (!node.TryGetPropertyValue(field, out var value) || value is null)
        {
            if (required)
            {
                problems.Add(new(ValidationCodes.MissingField, $"{path}.{field}", $"Het verplichte veld '{field}' ontbreekt."));
            }
            return null;
        }
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int number))
        {
            return number;
        }
        problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.{field}", $"Het veld '{field}' moet een geheel getal zijn."));
        return null;
    }

    private static double? ReadNumber(JsonObject node, string field, string path, List<ValidationProblem> problems)
    {
        if (node[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            return v.GetValue<double>();
        }
        problems.Add(new(node.ContainsKey(field) ? ValidationCodes.WrongFieldType : ValidationCodes.MissingField, $"{path}.{field}", $"Het veld '{field}' moet een getal zijn."));
        return null;
    }

    private static List<T> ReadArray<T>(JsonObject node, string field, string path, List<ValidationProblem> problems, Func<JsonObject, string, T> read)
        where T : new()
    {
        var result = new List<T>();
        if (!node.TryGetPropertyValue(field, out var value) || value is null)
        {
            problems.Add(new(ValidationCodes.MissingField, $"{path}.{field}", $"Het verplichte veld '{field}' ontbreekt."));
            return result;
        }
        if (value is not JsonArray array)
        {
            problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.{field}", $"Het veld '{field}' moet een lijst zijn."));
            return result;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}.{field}[{i}]";
            if (array[i] is JsonObject item)
            {
                result.Add(read(item, itemPath));
            }
            else
            {
                problems.Add(new(ValidationCodes.WrongFieldType, itemPath, "Elk element moet een object zijn."));
                // Keep indexes aligned with the JSON so later paths stay right.
                result.Add(new T());
            }
        }
        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex DefinitionIdPattern();
}
