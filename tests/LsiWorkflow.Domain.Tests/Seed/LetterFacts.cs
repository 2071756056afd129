using System.Globalization;
using System.Text.RegularExpressions;

namespace LsiWorkflow.Domain.Tests.Seed;

/// <summary>
/// docs/letter/facts.md read as data: the rows of each section's table by their key, and the letter itself
/// (docs/letter/kamerbrief-evaluatie-convenant-lsi.txt) as one line of text to find quotes in.
/// </summary>
internal sealed partial class LetterFacts
{
    public const string None = "—";

    private static readonly Lazy<LetterFacts> Instance = new(() => Read(RepositoryRoot()));

    private LetterFacts(IReadOnlyList<FactRow> rows, string letter)
    {
        Rows = rows;
        Letter = letter;
    }

    public static LetterFacts Current => Instance.Value;

    public IReadOnlyList<FactRow> Rows { get; }

    /// <summary>The letter with its line breaks undone: words split at a line end joined, whitespace collapsed.</summary>
    public string Letter { get; }

    public IEnumerable<FactRow> Section(string heading) => Rows.Where(r => r.Section == heading);

    public FactRow Row(string section, string key) =>
        Section(section).SingleOrDefault(r => r.Key == key) ?? throw new KeyNotFoundException($"No row '{key}' under '## {section}' in docs/letter/facts.md.");

    public static TheoryData<string> KeysOf(string section) => [.. Current.Section(section).Select(r => r.Key)];

    /// <summary>The folder holding LsiWorkflow.sln, found from the test assembly upwards, so the test reads the checkout it was built from.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LsiWorkflow.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds LsiWorkflow.sln.");
    }

    public static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    public static DateOnly? Date(string cell) =>
        cell == None ? null : DateOnly.ParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static LetterFacts Read(string root)
    {
        var folder = Path.Combine(root, "docs", "letter");
        var letter = File.ReadAllText(Path.Combine(folder, "kamerbrief-evaluatie-convenant-lsi.txt"));
        return new LetterFacts(Parse(File.ReadAllLines(Path.Combine(folder, "facts.md"))), Normalise(WordBreak().Replace(letter, "")));
    }

    /// <summary>Every markdown table under a "## " heading; the header row names the cells, the separator row is skipped.</summary>
    private static List<FactRow> Parse(string[] lines)
    {
        var rows = new List<FactRow>();
        var section = "";
        string[]? header = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim();
                header = null;
                continue;
            }

            if (!line.StartsWith('|'))
            {
                header = null;
                continue;
            }

            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (header is null)
            {
                header = cells;
            }
            else if (!cells.All(c => c.StartsWith("---", StringComparison.Ordinal)))
            {
                Assert.True(cells.Length == header.Length, $"A row under '## {section}' has {cells.Length} cells, its header {header.Length}: {line}");
                rows.Add(new FactRow(section, header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)));
            }
        }

        return rows;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A word split over two lines ("Beren-\nschot"), also with a blank line between its halves.
    [GeneratedRegex(@"(?<=\p{L})-\s*\n\s*(?=\p{Ll})")]
    private static partial Regex WordBreak();
}

internal sealed record FactRow(string Section, IReadOnlyDictionary<string, string> Cells)
{
    public string Key => this["Key"];

    public string this[string column] =>
        Cells.TryGetValue(column, out var value) ? value : throw new KeyNotFoundException($"'## {Section}' has no column '{column}'.");

    public DateOnly? Date(string column) => LetterFacts.Date(this[column]);

    public override string ToString() => $"{Section}: {Key}";
}
