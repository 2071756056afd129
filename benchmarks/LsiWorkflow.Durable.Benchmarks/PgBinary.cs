using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace LsiWorkflow.Durable.Benchmarks;

/// <summary>
/// PostgreSQL's binary wire formats of the types a client sends as parameters, turned into the text form the server
/// accepts as a literal of that type; and the names of those types, for the literal's cast.
/// </summary>
internal static class PgBinary
{
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<uint, string> Names = new()
    {
        [16] = "boolean", [17] = "bytea", [18] = "\"char\"", [19] = "name", [20] = "bigint", [21] = "smallint", [23] = "integer",
        [25] = "text", [26] = "oid", [114] = "json", [700] = "real", [701] = "double precision", [1042] = "character",
        [1043] = "character varying", [1082] = "date", [1083] = "time", [1114] = "timestamp", [1184] = "timestamptz",
        [1186] = "interval", [1700] = "numeric", [2950] = "uuid", [3802] = "jsonb",
    };

    private static readonly Dictionary<uint, uint> ArrayElements = new()
    {
        [1000] = 16, [1001] = 17, [1005] = 21, [1007] = 23, [1016] = 20, [1009] = 25, [1015] = 1043, [1021] = 700, [1022] = 701,
        [1115] = 1114, [1185] = 1184, [1231] = 1700, [2951] = 2950, [3807] = 3802, [199] = 114,
    };

    public const uint Uuid = 2950;
    public const uint Timestamp = 1114;
    public const uint TimestampTz = 1184;
    public const uint Text = 25;
    public const uint Varchar = 1043;

    /// <summary>The type's name for a cast, or null for oid 0 (the server infers the type, as it did for the client).</summary>
    public static string? TypeName(uint oid) =>
        oid == 0 ? null
        : Names.TryGetValue(oid, out var name) ? name
        : ArrayElements.TryGetValue(oid, out var element) ? Names[element] + "[]"
        : throw new NotSupportedException($"No name known for the parameter type with oid {oid}.");

    public static string ToText(uint oid, ReadOnlySpan<byte> value, string sql)
    {
        if (ArrayElements.TryGetValue(oid, out var element))
        {
            return ArrayToText(element, value, sql);
        }
        var invariant = CultureInfo.InvariantCulture;
        return oid switch
        {
            16 => value[0] != 0 ? "true" : "false",
            17 => "\\x" + Convert.ToHexStringLower(value),
            18 => Encoding.UTF8.GetString(value),
            20 => BinaryPrimitives.ReadInt64BigEndian(value).ToString(invariant),
            21 => BinaryPrimitives.ReadInt16BigEndian(value).ToString(invariant),
            23 => BinaryPrimitives.ReadInt32BigEndian(value).ToString(invariant),
            26 => BinaryPrimitives.ReadUInt32BigEndian(value).ToString(invariant),
            19 or 25 or 114 or 1042 or 1043 => Encoding.UTF8.GetString(value),
            3802 => value[0] == 1 ? Encoding.UTF8.GetString(value[1..]) : throw new NotSupportedException($"jsonb version {value[0]}"),
            700 => BinaryPrimitives.ReadSingleBigEndian(value).ToString("R", invariant),
            701 => BinaryPrimitives.ReadDoubleBigEndian(value).ToString("R", invariant),
            1082 => DateOnly.FromDateTime(Epoch).AddDays(BinaryPrimitives.ReadInt32BigEndian(value)).ToString("yyyy-MM-dd", invariant),
            1083 => TimeOnly.FromTimeSpan(TimeSpan.FromTicks(BinaryPrimitives.ReadInt64BigEndian(value) * 10)).ToString("HH:mm:ss.ffffff", invariant),
            1114 => TimestampText(BinaryPrimitives.ReadInt64BigEndian(value), ""),
            1184 => TimestampText(BinaryPrimitives.ReadInt64BigEndian(value), "+00"),
            1186 => string.Create(invariant, $"{BinaryPrimitives.ReadInt32BigEndian(value[12..])} mons {BinaryPrimitives.ReadInt32BigEndian(value[8..])} days {BinaryPrimitives.ReadInt64BigEndian(value)} microseconds"),
            1700 => NumericText(value),
            2950 => new Guid(value, bigEndian: true).ToString(),
            _ => throw new NotSupportedException($"The capture cannot read a binary parameter of type oid {oid} (in: {sql})."),
        };
    }

    private static string TimestampText(long microseconds, string zone) => microseconds switch
    {
        long.MaxValue => "infinity",
        long.MinValue => "-infinity",
        _ => Epoch.AddTicks(microseconds * 10).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + zone,
    };

    private static string NumericText(ReadOnlySpan<byte> value)
    {
        var digits = BinaryPrimitives.ReadInt16BigEndian(value);
        var weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        var scale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        if (sign == 0xC000)
        {
            return "NaN";
        }
        var result = 0m;
        for (var i = 0; i < digits; i++)
        {
            result = result * 10000 + BinaryPrimitives.ReadInt16BigEndian(value[(8 + 2 * i)..]);
        }
        for (var exponent = weight - digits + 1; exponent != 0; exponent -= Math.Sign(exponent))
        {
            result = exponent > 0 ? result * 10000 : result / 10000;
        }
        return (sign == 0x4000 ? -result : result).ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string ArrayToText(uint element, ReadOnlySpan<byte> value, string sql)
    {
        var dimensions = BinaryPrimitives.ReadInt32BigEndian(value);
        if (dimensions == 0)
        {
            return "{}";
        }
        if (dimensions != 1)
        {
            throw new NotSupportedException($"The capture reads one-dimensional arrays only (in: {sql}).");
        }
        var count = BinaryPrimitives.ReadInt32BigEndian(value[12..]);
        var rest = value[20..];
        var items = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(rest);
            rest = rest[4..];
            if (length < 0)
            {
                items.Add("NULL");
                continue;
            }
            var text = ToText(element, rest[..length], sql);
            rest = rest[length..];
            items.Add("\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }
        return "{" + string.Join(',', items) + "}";
    }
}
