using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// A seeded generator of hostile request bodies for a body type: its fields by name with malformed Unicode (lone
/// surrogate escapes), control characters, right-to-left overrides, very long text, huge and over-precise numbers,
/// deep nesting and values of the wrong type. Bodies are written as JSON text by hand, so escapes no serializer would
/// write (<c>"\ud800"</c>) reach the host exactly as a hostile client sends them. The same seed gives the same bodies.
/// </summary>
internal sealed class HostileValues(int seed)
{
    private static readonly string[] Strings =
    [
        "\ud800", "\udc00", "tekst\ud83d", "\udfff\ud800", "nul\u0000teken", "\u0001\u0002\u0003", "\u001b[31mrood",
        "\u007f\u0085\u009f", "rechts\u202eslinks", "\u202d\u202c\u2066\u2069", "\ufeffBOM", "zero\u200bwidth\u200d",
        "\ufffe\uffff", "e\u0301\u0301\u0301\u0301", "👩‍💻🏳️‍🌈", "\u2028\u2029", "regel\r\nnieuw\ttab", "", " ", "null",
        "'; DROP TABLE lsi.projects; --", "<script>alert(1)</script>", "{{ 7 * 7 }}", "%00%0a", "../../etc/passwd",
        "UWV", "Goedkeuren", "AreaBased", "secretaris", "acl-approval", "2026-01-05", "P1D", "PT1S",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "2147483648", "-2147483649", "4294967296", "9223372036854775808", "1e308", "-1e308", "1e309",
        "1e400", "1e-400", "123456789012345678901234567890123456789", "0.1e-5000", "-0", "1.5", "3.14159265358979323846264338327950288",
    ];

    private readonly Random _random = new(seed);

    /// <summary>A body for <paramref name="type"/> (null: no known type, anything goes).</summary>
    public string Body(Type? type)
    {
        var roll = _random.Next(100);
        if (type is null || roll < 8)
        {
            return Anything(0);
        }
        if (roll < 12)
        {
            return Deep(_random.Next(60, 400));
        }
        if (roll < 15)
        {
            // Cut off in the middle: broken JSON.
            var whole = Value(type, 0);
            return whole[..Math.Max(1, whole.Length / 2)];
        }
        return Value(type, 0);
    }

    /// <summary>A hostile value for a route parameter that takes any text.</summary>
    public string RouteText() => Pick(Strings);

    private string Value(Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > 6 || _random.Next(100) < 12)
        {
            return Anything(depth);
        }
        if (type == typeof(string))
        {
            return Text();
        }
        if (type == typeof(bool))
        {
            return _random.Next(2) == 0 ? "true" : "false";
        }
        if (type.IsPrimitive || type == typeof(decimal))
        {
            return Pick(Numbers);
        }
        if (type.IsEnum)
        {
            return _random.Next(2) == 0 ? Quote(Pick(Enum.GetNames(type))) : Text();
        }
        if (type == typeof(Guid))
        {
            return _random.Next(3) == 0 ? Text() : Quote(Guid.NewGuid().ToString());
        }
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(TimeSpan))
        {
            return Quote(Pick(["2026-01-05", "2026-01-05T08:00:00Z", "0001-01-01", "9999-12-31T23:59:59Z", "2026-02-30", "-1", "P1D", "\u0000"]));
        }
        if (type == typeof(JsonElement) && _random.Next(2) == 0)
        {
            return DefinitionWithOneHostileText();
        }
        if (typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement) || type == typeof(object))
        {
            return Tree(depth);
        }
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? typeof(object);
            return "[" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(_ => Value(element, depth + 1))) + "]";
        }
        var fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0);
        var members = new List<string>();
        foreach (var field in fields)
        {
            if (_random.Next(100) < 10)
            {
                continue; // left out
            }
            members.Add($"{Quote(JsonNamingPolicy.CamelCase.ConvertName(field.Name))}:{Value(field.PropertyType, depth + 1)}");
        }
        if (_random.Next(100) < 5)
        {
            members.Add($"{Text()}:1"); // a field nobody knows, perhaps with a malformed name
        }
        return "{" + string.Join(",", members) + "}";
    }

    /// <summary>Any JSON value: text, a number, a boolean, null, a list or an object.</summary>
    private string Anything(int depth) => _random.Next(depth > 4 ? 4 : 7) switch
    {
        0 => Text(),
        1 => Pick(Numbers),
        2 => _random.Next(2) == 0 ? "true" : "null",
        3 => Pick(["{}", "[]", "\"\"", "0"]),
        4 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(_ => Anything(depth + 1))) + "]",
        _ => Tree(depth),
    };

    private string Tree(int depth)
    {
        var count = _random.Next(depth > 3 ? 1 : 5);
        return "{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"{(_random.Next(10) == 0 ? Text() : Quote("veld" + i))}:{Anything(depth + 1)}")) + "}";
    }

    private string Deep(int levels) => _random.Next(2) == 0
        ? new string('[', levels) + new string(']', levels)
        : string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels);

    /// <summary>A definition that would validate, but for one string that carries something hostile.</summary>
    private string DefinitionWithOneHostileText()
    {
        var definition = SecurityWorld.ApprovalDefinition();
        definition["id"] = "fuzz-" + _random.Next(1000).ToString(CultureInfo.InvariantCulture);
        var marker = "@@HOSTILE@@";
        var texts = new List<JsonValue>();
        Collect(definition, texts);
        var target = texts[_random.Next(texts.Count)];
        var parent = target.Parent!;
        var replacement = JsonValue.Create(marker);
        if (parent is JsonObject obj)
        {
            obj[obj.First(p => ReferenceEquals(p.Value, target)).Key] = replacement;
        }
        else if (parent is JsonArray array)
        {
            array[array.IndexOf(target)] = replacement;
        }
        return definition.ToJsonString().Replace(Quote(marker), Text(), StringComparison.Ordinal);
    }

    private static void Collect(JsonNode? node, List<JsonValue> texts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value, texts);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, texts);
                }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                texts.Add(value);
                break;
        }
    }

    private string Text()
    {
        var text = _random.Next(100) switch
        {
            < 6 => new string('x', _random.Next(2) == 0 ? 5_001 : 25_000),
            < 12 => string.Concat(Enumerable.Range(0, 3).Select(_ => Pick(Strings))),
            _ => Pick(Strings),
        };
        return Quote(text);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A JSON string with every character outside printable ASCII escaped, lone surrogates included.</summary>
    internal static string Quote(string text)
    {
        var json = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < ' ' || c > '~')
            {
                json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                json.Append(c);
            }
        }
        return json.Append('"').ToString();
    }
}
