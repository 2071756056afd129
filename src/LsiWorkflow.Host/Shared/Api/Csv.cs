using System.Globalization;
using System.Text;

namespace LsiWorkflow.Host.Shared.Api;

/// <summary>
/// The one CSV writer of every export (the ministry lists, a project's audit trail). CSV for spreadsheets as Dutch users open them: UTF-8 with a byte-order mark (so accents survive), semicolons
/// between cells (the separator of Dutch regional settings), quotes doubled inside quoted cells. A cell that a
/// spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading
/// apostrophe, so a title typed by someone can never execute in a reader's spreadsheet.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const char Separator = ';';

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [Separator, '"', '\n', '\r', ','];

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"Een rij heeft {row.Count} cellen, de kop {header.Count}.", nameof(rows));
            }

            AppendRow(text, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset at => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            bool b => b ? "ja" : "nee",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // Numbers and dates we format ourselves are safe; anything else may have been typed by a person.
        if (value is not (int or long or decimal or double or DateOnly or DateTimeOffset) && text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0)
        {
            text = "'" + text;
        }

        return text.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static void AppendRow(StringBuilder text, IEnumerable<object?> cells)
    {
        text.AppendJoin(Separator, cells.Select(Cell));
        text.Append("\r\n");
    }
}
