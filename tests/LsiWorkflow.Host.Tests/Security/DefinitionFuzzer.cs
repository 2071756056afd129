using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// Makes hostile variants of the shipped workflow definitions: fields deleted, duplicated or retyped, broken
/// connections, huge strings, deep nesting, invalid expressions, unknown activity types and random JSON.
/// Case n of seed s is always the same document, so a failure can be replayed from its number.
/// </summary>
public sealed class DefinitionFuzzer(IReadOnlyList<string> shipped, int seed)
{
    private static readonly string[] Expressions =
    [
        "{{", "}}", "{{ end }}", "{{ for x in 1..100000000 }}{{ x }}{{ end }}", "{{ while true }}{{ end }}",
        "{{ func f; ret f; end; f }}", "{{ import 'System' }}", "{{ include 'appsettings.json' }}",
        "{{ object.typeof variables }}", "{{ ''.GetType().Assembly }}", "{{ environment.get 'PATH' }}",
        "a +", "1 / 0", "variables.x.y.z.w", "'" + new string('(', 500), "{{ " + string.Concat(Enumerable.Repeat("[", 2000)) + " }}",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "Start", "End", "HumanTask", "Gate", "Bestaat niet", "'; DROP TABLE lsi.definitions; --", "<script>x</script>",
        "\u0000", "\ud800", "$.activities[0]", "../../etc/passwd", "P-1D", "PT", "P99999999999D", "R/P1Y", "2017-07-01T00:00:00Z",
    ];

    public int Seed => seed;

    /// <summary>The body of a save-draft request for case <paramref name="n"/>, and what was done to it.</summary>
    public (string Body, string What) Case(int n)
    {
        var random = new Random(HashCode.Combine(seed, n));
        var what = new List<string>();
        string definitionText;
        if (random.Next(40) == 0)
        {
            definitionText = RandomJson(random, 4)?.ToJsonString() ?? "null";
            what.Add("random JSON");
        }
        else
        {
            var root = JsonNode.Parse(shipped[random.Next(shipped.Count)])!.AsObject();
            root["id"] = $"fuzz-{seed}-{n}";
            var mutations = 1 + random.Next(3);
            for (var i = 0; i < mutations; i++)
            {
                what.Add(Mutate(root, random));
            }
            definitionText = System.Text.RegularExpressions.Regex.Replace(root.ToJsonString(), $"\"{DeepMarker}(\\d+)\"",
                m => Nested(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
            if (random.Next(12) == 0)
            {
                definitionText = DuplicateKey(definitionText, random);
                what.Add("duplicate key");
            }
            if (random.Next(25) == 0)
            {
                definitionText = definitionText[..random.Next(definitionText.Length)];
                what.Add("cut off");
            }
        }
        var body = random.Next(30) == 0
            ? $"{{\"definition\": {definitionText}, \"rowVersion\": \"{random.Next()}\"}}"
            : $"{{\"definition\": {definitionText}}}";
        return (body, string.Join("; ", what));
    }

    private static string Mutate(JsonObject root, Random random)
    {
        var slots = Slots(root).ToList();
        var (parent, key, index) = slots[random.Next(slots.Count)];
        var path = key ?? $"[{index}]";
        switch (random.Next(11))
        {
            case 0:
                Remove(parent, key, index);
                return $"delete {path}";
            case 1:
                Set(parent, key, index, RandomScalar(random));
                return $"retype {path}";
            case 2:
                Set(parent, key, index, RandomJson(random, 3));
                return $"replace {path} by random JSON";
            case 3:
                Set(parent, key, index, JsonValue.Create(new string((char)random.Next('a', 'z'), random.Next(10_000, 400_000))));
                return $"huge string at {path}";
            case 4:
                // Deeper than a JsonNode can write, so the nesting is put in the text afterwards.
                Set(parent, key, index, JsonValue.Create($"{DeepMarker}{random.Next(50, 3000)}"));
                return $"deep nesting at {path}";
            case 5:
                return BreakConnection(root, random);
            case 6:
                return RetypeActivity(root, random);
            case 7:
                return BadExpression(root, random);
            case 8:
                if (parent is JsonArray array && array.Count > 0)
                {
                    array.Add(array[random.Next(array.Count)]!.DeepClone());
                    return $"duplicate element of {path}";
                }
                Set(parent, key, index, JsonValue.Create(Strings[random.Next(Strings.Length)]));
                return $"odd string at {path}";
            case 9:
                if (parent is JsonObject obj)
                {
                    obj[$"unknown{random.Next(100)}"] = RandomScalar(random);
                    return $"unknown field next to {path}";
                }
                return "none";
            default:
                Set(parent, key, index, JsonValue.Create(Strings[random.Next(Strings.Length)]));
                return $"odd string at {path}";
        }
    }

    private static string BreakConnection(JsonObject root, Random random)
    {
        if (root["connections"] is not JsonArray { Count: > 0 } connections || connections[random.Next(connections.Count)] is not JsonObject connection)
        {
            return "no connection to break";
        }
        var field = new[] { "source", "target", "outcome" }[random.Next(3)];
        connection[field] = random.Next(3) switch
        {
            0 => "nergens",
            1 => null,
            _ => connection["source"]?.DeepClone(), // a loop onto itself
        };
        return $"connection {field} broken";
    }

    private static string RetypeActivity(JsonObject root, Random random)
    {
        if (root["activities"] is not JsonArray { Count: > 0 } activities || activities[random.Next(activities.Count)] is not JsonObject activity)
        {
            return "no activity to retype";
        }
        activity["type"] = new[] { "Bestaat.Niet", "System.Diagnostics.Process", "HumanTask", "End", "Start", "TimerStart", "", "Gate" }[random.Next(8)];
        return $"activity type {activity["type"]}";
    }

    private static string BadExpression(JsonObject root, Random random)
    {
        var strings = Slots(root).Where(s => Get(s.Parent, s.Key, s.Index) is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList();
        if (strings.Count == 0)
        {
            return "no string for an expression";
        }
        var (parent, key, index) = strings[random.Next(strings.Count)];
        var expression = Expressions[random.Next(Expressions.Length)];
        Set(parent, key, index, random.Next(2) == 0 ? new JsonObject { ["expr"] = expression } : JsonValue.Create(expression));
        return $"expression '{expression[..Math.Min(30, expression.Length)]}' at {key ?? $"[{index}]"}";
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    yield return (obj, key, -1);
                    if (child is not null)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, null, i);
                    if (array[i] is { } child)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }
                break;
        }
    }

    private static JsonNode? Get(JsonNode parent, string? key, int index) => key is null ? parent.AsArray()[index] : parent.AsObject()[key];

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (key is null)
        {
            parent.AsArray()[index] = value;
        }
        else
        {
            parent.AsObject()[key] = value;
        }
    }

    private static void Remove(JsonNode parent, string? key, int index)
    {
        if (key is null)
        {
            parent.AsArray().RemoveAt(index);
        }
        else
        {
            parent.AsObject().Remove(key);
        }
    }

    private const string DeepMarker = "deep-nesting-of-";

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Range(0, depth).Select(i => i % 2 == 0 ? "[" : "{\"a\":")) + "1"
        + string.Concat(Enumerable.Range(0, depth).Reverse().Select(i => i % 2 == 0 ? "]" : "}"));

    private static JsonNode? RandomScalar(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(true),
        2 => JsonValue.Create(random.Next(-5, 5)),
        3 => JsonValue.Create(1e308),
        4 => JsonValue.Create(long.MaxValue),
        5 => JsonValue.Create(0.5),
        6 => new JsonArray(),
        7 => new JsonObject(),
        _ => JsonValue.Create(Strings[random.Next(Strings.Length)]),
    };

    private static JsonNode? RandomJson(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            return RandomScalar(random);
        }
        if (random.Next(2) == 0)
        {
            var array = new JsonArray();
            for (var i = random.Next(4); i > 0; i--)
            {
                array.Add(RandomJson(random, depth - 1));
            }
            return array;
        }
        var obj = new JsonObject();
        foreach (var key in new[] { "id", "type", "activities", "connections", "variables", "schemaVersion", "name", "x" }.Where(_ => random.Next(2) == 0))
        {
            obj[key] = RandomJson(random, depth - 1);
        }
        return obj;
    }

    private static string DuplicateKey(string json, Random random)
    {
        var keys = new[] { "\"id\":", "\"type\":", "\"source\":", "\"activities\":" };
        var key = keys[random.Next(keys.Length)];
        var at = json.IndexOf(key, StringComparison.Ordinal);
        return at < 0 ? json : new StringBuilder(json).Insert(at, $"{key}\"dubbel\",").ToString();
    }
}
