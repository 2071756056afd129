using System.Text;
using LsiWorkflow.Host.Shared.Api;
namespace LsiWorkflow.Host.Tests.Shared.Api;

public sealed class CsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+31 70 000", "'+31 70 000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("gewoon", "gewoon")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("regel\nnieuwe regel", "\"regel\nnieuwe regel\"")]
    [InlineData("zei \"ja\"", "\"zei \"\"ja\"\"\"")]
    [InlineData("", "")]
    public void Cells_are_quoted_where_needed_and_never_run_as_formulas(string value, string expected)
    {
        Assert.Equal(expected, Csv.Cell(value));
    }

    [Fact]
    public void Numbers_and_dates_are_written_plainly_even_when_negative()
    {
        Assert.Equal("-3", Csv.Cell(-3));
        Assert.Equal("2027-07-01", Csv.Cell(new DateOnly(2027, 7, 1)));
        Assert.Equal("ja", Csv.Cell(true));
        Assert.Equal("", Csv.Cell(null));
    }

    [Fact]
    public void A_file_is_utf8_with_a_byte_order_mark_and_crlf_rows()
    {
        var bytes = Csv.Write(["Titel", "Datum"], [["Evaluatie geëvalueerd", new DateOnly(2022, 7, 1)]]);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Titel;Datum\r\nEvaluatie geëvalueerd;2022-07-01\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Csv.Write(["a", "b"], [["alleen een"]]));
    }
}
