using System.Collections;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using LsiWorkflow.Host.Features.Reporting;
using LsiWorkflow.Host.Tests.Infrastructure;

namespace LsiWorkflow.Host.Tests.Features.Reporting;

/// <summary>
/// Text a person typed must never run as a formula in the reader's spreadsheet, in any export: values that start
/// like a formula (=, +, -, @, a tab, a carriage return) go into every text field the exports write, and no cell
/// of any file may start that way.
/// </summary>
public sealed class CsvInjectionTests(HostFixture host) : DomainTest(host)
{
    public static readonly string[] Hostile = ["=cmd|' /C calc'!A0", "+SUM(1;2)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "=HYPERLINK(\"http://x\";\"klik\")"];

    public static TheoryData<string> HostileValues() => [.. Hostile];

    [Fact]
    public async Task The_project_audit_and_the_project_register_neutralise_formulas_typed_into_every_field()
    {
        var projectId = await ProposeAreaBasedProjectAsync(name: Hostile[0], reason: Hostile[1]);
        using var secretary = await Host.ClientForAsync(Secretary);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/participants", new { organisation = "UWV", sharesData = false, reason = Hostile[2] }), HttpStatusCode.OK);
        await ReadAsync(await secretary.PutAsJsonAsync($"/api/projects/{projectId}/privacy-protocol", new { reference = Hostile[3], reason = Hostile[4] }), HttpStatusCode.OK);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/reject", new { reason = Hostile[5] }), HttpStatusCode.OK);

        var audit = await CsvOfAsync(secretary, $"/api/projects/{projectId}/audit.csv");
        var projects = await CsvOfAsync(secretary, "/api/exports/projects.csv");

        foreach (var (name, rows) in new[] { ("audit", audit), ("projects", projects) })
        {
            AssertNoFormula(name, rows);
        }
        var cells = audit.SelectMany(r => r).ToList();
        // The reasons are cells of their own (the trail trims leading white space off a reason, so a tab or CR goes
        // there); the name and the reference are part of what the change wrote.
        foreach (var value in new[] { Hostile[1], Hostile[2], Hostile[4], Hostile[5] })
        {
            Assert.Contains(cells, c => c == (value.Trim() == value ? "'" + value : value.Trim()));
        }
        Assert.Contains(cells, c => c.Contains(Hostile[0], StringComparison.Ordinal));
        Assert.Contains(cells, c => c.Contains(Hostile[3], StringComparison.Ordinal));
        Assert.Contains(projects.SelectMany(r => r), c => c == "'" + Hostile[0]);
    }

    /// <summary>
    /// Each export of the ministry lists, fed rows whose every text property (nested ones too) holds the value, found
    /// by reflection so that a column added later is covered without changing this test.
    /// </summary>
    [Theory]
    [MemberData(nameof(HostileValues))]
    public void Every_text_field_of_every_list_export_is_neutralised(string value)
    {
        var exports = typeof(ListExports).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(byte[])).ToList();
        Assert.True(exports.Count >= 5, "the exports of the ministry lists");
        foreach (var export in exports)
        {
            var input = Build(export.GetParameters().Single().ParameterType, value, 0);
            var bytes = (byte[])export.Invoke(null, [input])!;
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var rows = Parse(Encoding.UTF8.GetString(bytes[3..]));
            Assert.True(rows.Count > 1, $"{export.Name}: no rows");
            AssertNoFormula(export.Name, rows);
            Assert.Contains(rows.Skip(1).SelectMany(r => r), c => c.Contains(value.TrimStart('\t', '\r'), StringComparison.Ordinal));
        }
    }

    private static void AssertNoFormula(string file, List<List<string>> rows)
    {
        var header = rows[0].Count;
        foreach (var row in rows)
        {
            Assert.True(row.Count == header, $"{file}: a row of {row.Count} cells under a header of {header}");
            foreach (var cell in row)
            {
                Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), $"{file}: cell would run as a formula: {cell}");
            }
        }
    }

    private static async Task<List<List<string>>> CsvOfAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Parse(Encoding.UTF8.GetString(bytes[3..]));
    }

    /// <summary>Reads the exports' dialect as a spreadsheet does: semicolons, double quotes, CRLF between rows.</summary>
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }
        Assert.False(quoted, "an unclosed quote");
        Assert.True(cell.Length == 0 && row.Count == 0, "the last row does not end with CRLF");
        return rows;
    }

    /// <summary>A value of <paramref name="type"/> whose every string is <paramref name="text"/> and every list holds one item.</summary>
    private static object? Build(Type type, string text, int depth)
    {
        if (type == typeof(string))
        {
            return text;
        }
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Build(inner, text, depth);
        }
        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }
        if (type.IsValueType)
        {
            return type == typeof(DateOnly) ? new DateOnly(2026, 1, 5) : type == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero) : Activator.CreateInstance(type);
        }
        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 1);
            array.SetValue(Build(type.GetElementType()!, text, depth + 1), 0);
            return array;
        }
        if (type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            if (depth < 4)
            {
                list.Add(Build(element, text, depth + 1));
            }
            return list;
        }
        if (type.IsGenericType && type.GetGenericArguments().Length == 2 && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments()));
        }
        if (depth > 5 || type.IsAbstract || type.IsInterface)
        {
            return null;
        }
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var instance = constructor.Invoke([.. constructor.GetParameters().Select(p => Build(p.ParameterType, text, depth + 1))]);
        // Init-only and settable text properties the constructor did not take.
        foreach (var property in type.GetProperties().Where(p => p.CanWrite && p.PropertyType == typeof(string) && p.GetValue(instance) is null))
        {
            property.SetValue(instance, text);
        }
        return instance;
    }
}
