using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>
/// Refuses what a definition cannot hold if it is to be stored (a jsonb document and text columns in PostgreSQL) and
/// shown: in any string, a field name included, a NUL or other control character (tab, line feed and carriage return
/// are text), half of a UTF-16 surrogate pair, or bytes that are no UTF-8; a number that is not finite or has more
/// than <see cref="MaxScale"/> digits behind the point. Without this, such a definition validates and then fails
/// when it is saved.
/// </summary>
/// <remarks>
/// Strings are checked in their raw form: decoding a lone surrogate escape (<c>"\ud800"</c>) throws, and bytes that
/// are no UTF-8 pass the JSON reader untouched until something decodes them.
/// </remarks>
public static class StorableJson
{
    /// <summary>The most digits behind the point a number may have (PostgreSQL keeps 16383; no workflow needs more than a few).</summary>
    public const int MaxScale = 1000;

    /// <summary>
    /// Reports every string and number of <paramref name="utf8Json"/> that cannot be stored, with its JSON path.
    /// Returns false, reporting nothing, when the text is no JSON at all: the parser says why.
    /// </summary>
    public static bool Check(ReadOnlySpan<byte> utf8Json, List<ValidationProblem> problems) => Check(utf8Json, problems, int.MaxValue);

    /// <summary>
    /// As <see cref="Check(ReadOnlySpan{byte}, List{ValidationProblem})"/>, and also reports every string longer than
    /// <paramref name="maxStringLength"/> UTF-16 code units (field names included).
    /// </summary>
    public static bool Check(ReadOnlySpan<byte> utf8Json, List<ValidationProblem> problems, int maxStringLength)
    {
        var found = new List<ValidationProblem>();
        var reader = new Utf8JsonReader(utf8Json);
        var containers = new Stack<Container>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = Inspect(reader.ValueSpan, reader.ValueIsEscaped, out var nameFault);
                        containers.Peek().Name = name;
                        if (nameFault is { } badName)
                        {
                            found.Add(new(ValidationCodes.InvalidText, ValuePath(containers), $"De naam van dit veld bevat {badName}."));
                        }
                        else if (name.Length > maxStringLength)
                        {
                            found.Add(new(ValidationCodes.InvalidText, ValuePath(containers), $"De naam van dit veld is langer dan {maxStringLength} tekens."));
                        }
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var path = NextValuePath(containers);
                        containers.Push(new Container(path, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.Pop();
                        break;
                    case JsonTokenType.String:
                        var valuePath = NextValuePath(containers);
                        var text = Inspect(reader.ValueSpan, reader.ValueIsEscaped, out var textFault);
                        if (textFault is { } badText)
                        {
                            found.Add(new(ValidationCodes.InvalidText, valuePath, $"De tekst bevat {badText}."));
                        }
                        else if (text.Length > maxStringLength)
                        {
                            found.Add(new(ValidationCodes.InvalidText, valuePath, $"De tekst is langer dan {maxStringLength} tekens."));
                        }
                        break;
                    case JsonTokenType.Number:
                        var numberPath = NextValuePath(containers);
                        if (!IsStorableNumber(reader.ValueSpan))
                        {
                            found.Add(new(ValidationCodes.InvalidNumber, numberPath,
                                $"Dit getal kan niet worden opgeslagen: het is te groot of heeft meer dan {MaxScale} cijfers achter de komma."));
                        }
                        break;
                    default:
                        NextValuePath(containers);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        problems.AddRange(found);
        return true;
    }

    private static string ValuePath(Stack<Container> containers)
    {
        if (containers.Count == 0)
        {
            return "$";
        }
        var parent = containers.Peek();
        return parent.IsArray ? $"{parent.Path}[{parent.Index}]" : $"{parent.Path}.{parent.Name}";
    }

    /// <summary>The path of the value that starts now; in a list it is the next element.</summary>
    private static string NextValuePath(Stack<Container> containers)
    {
        if (containers.Count > 0 && containers.Peek().IsArray)
        {
            containers.Peek().Index++;
        }
        return ValuePath(containers);
    }

    /// <summary>
    /// Decodes a raw JSON string (escapes and UTF-8) without throwing, so a field name can appear in a path; what cannot
    /// be stored is written as an escape (<c>\u0000</c>, <c>\xFF</c>) and described in <paramref name="fault"/>.
    /// </summary>
    private static string Inspect(ReadOnlySpan<byte> raw, bool escaped, out string? fault)
    {
        if (!escaped && System.Text.Unicode.Utf8.IsValid(raw))
        {
            // The reader refuses raw control characters and valid UTF-8 has no surrogates: nothing to find.
            fault = null;
            return Encoding.UTF8.GetString(raw);
        }
        var checker = new Checker(new StringBuilder(raw.Length));
        Span<char> units = stackalloc char[2];
        var i = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b == '\\')
            {
                var escape = raw[i + 1];
                if (escape == 'u')
                {
                    checker.Unit((char)int.Parse(raw.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    i += 6;
                }
                else
                {
                    checker.Unit(escape switch
                    {
                        (byte)'b' => '\b',
                        (byte)'f' => '\f',
                        (byte)'n' => '\n',
                        (byte)'r' => '\r',
                        (byte)'t' => '\t',
                        _ => (char)escape, // \" \\ \/
                    });
                    i += 2;
                }
            }
            else if (Rune.DecodeFromUtf8(raw[i..], out var rune, out var consumed) == OperationStatus.Done)
            {
                var count = rune.EncodeToUtf16(units);
                for (var u = 0; u < count; u++)
                {
                    checker.Unit(units[u]);
                }
                i += consumed;
            }
            else
            {
                for (var bad = 0; bad < Math.Max(consumed, 1); bad++)
                {
                    checker.InvalidByte(raw[i + bad]);
                }
                i += Math.Max(consumed, 1);
            }
        }
        checker.End();
        fault = checker.Fault;
        return checker.Text!.ToString();
    }

    /// <summary>Finite as a double, and no more digits behind the point than <see cref="MaxScale"/> once the exponent is applied.</summary>
    private static bool IsStorableNumber(ReadOnlySpan<byte> raw)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return false;
        }
        var e = raw.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = e < 0 ? raw : raw[..e];
        var point = mantissa.IndexOf((byte)'.');
        long fraction = point < 0 ? 0 : mantissa.Length - point - 1;
        long exponent = 0;
        if (e >= 0 && !long.TryParse(raw[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return false;
        }
        // A large negative exponent adds digits behind the point; checked apart so the subtraction cannot overflow.
        return exponent >= -MaxScale && fraction - exponent <= MaxScale;
    }

    private sealed class Container(string path, bool isArray)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public int Index { get; set; } = -1;
        public string Name { get; set; } = "";
    }

    /// <summary>Follows UTF-16 code units, pairing surrogates; remembers the first fault and, if asked, writes the text with faults escaped.</summary>
    private sealed class Checker(StringBuilder? text)
    {
        private char? _high;

        public StringBuilder? Text { get; } = text;

        public string? Fault { get; private set; }

        public void Unit(char unit)
        {
            if (_high is { } high)
            {
                _high = null;
                if (char.IsLowSurrogate(unit))
                {
                    Text?.Append(high).Append(unit);
                    return;
                }
                LoneSurrogate(high);
            }
            if (char.IsHighSurrogate(unit))
            {
                _high = unit;
            }
            else if (char.IsLowSurrogate(unit))
            {
                LoneSurrogate(unit);
            }
            else if (unit < ' ' && unit is not ('\t' or '\n' or '\r'))
            {
                Fault ??= unit == '\0'
                    ? "een nul-teken (U+0000), dat niet kan worden opgeslagen of getoond"
                    : $"het stuurteken U+{(int)unit:X4}, dat niet kan worden opgeslagen of getoond; alleen tab en regeleinde zijn toegestaan";
                Text?.Append(CultureInfo.InvariantCulture, $"\\u{(int)unit:x4}");
            }
            else
            {
                Text?.Append(unit);
            }
        }

        public void InvalidByte(byte value)
        {
            Fault ??= "bytes die geen UTF-8 zijn en niet kunnen worden opgeslagen of getoond";
            Text?.Append(CultureInfo.InvariantCulture, $"\\x{value:X2}");
        }

        public void End()
        {
            if (_high is { } high)
            {
                _high = null;
                LoneSurrogate(high);
            }
        }

        private void LoneSurrogate(char unit)
        {
            Fault ??= $"een halve UTF-16-tekencode (U+{(int)unit:X4}) zonder zijn andere helft, die niet kan worden opgeslagen of getoond";
            Text?.Append(CultureInfo.InvariantCulture, $"\\u{(int)unit:x4}");
        }
    }
}
