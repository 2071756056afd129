using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using LsiWorkflow.Host.Tests.Infrastructure;

namespace LsiWorkflow.Host.Tests.Features.Publications;

/// <summary>A published document is stored with its file, checked by its bytes; anyone downloads it until it is withdrawn.</summary>
public sealed class DocumentUploadTests(HostFixture host) : DomainTest(host)
{
    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    internal static byte[] Package(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private async Task<HttpResponseMessage> PublishAsync(string fileName, byte[] content, string title = "Voortgangsrapportage 2026")
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        return await secretary.PostAsJsonAsync("/api/publications", new
        {
            title,
            kind = "Kamerbrief",
            summary = "Stand van zaken",
            informationCategory = "Vergaderstukken Staten-Generaal",
            file = new { fileName, content = Convert.ToBase64String(content) },
        });
    }

    [Fact]
    public async Task A_pdf_is_published_with_its_category_and_anyone_downloads_it_until_it_is_withdrawn()
    {
        var id = (await ReadAsync(await PublishAsync("voortgang-2026.pdf", Pdf), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var anonymous = Host.CreateClient();

        var list = await ReadAsync(await anonymous.GetAsync(new Uri("/api/publications", UriKind.Relative)), HttpStatusCode.OK);
        var published = list.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal("Vergaderstukken Staten-Generaal", published.GetProperty("informationCategory").GetString());
        Assert.Equal("voortgang-2026.pdf", published.GetProperty("fileName").GetString());
        using var download = await anonymous.GetAsync(new Uri($"/api/publications/{id}/document", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        using var secretary = await Host.ClientForAsync(Secretary);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/publications/{id}/withdraw", new { reason = "Vervangen" }), HttpStatusCode.OK);
        using var gone = await anonymous.GetAsync(new Uri($"/api/publications/{id}/document", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Odt_and_docx_are_recognised_by_their_content()
    {
        var odt = Package(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>"));
        var docx = Package(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"));

        await ReadAsync(await PublishAsync("notitie.odt", odt, "Notitie"), HttpStatusCode.Created);
        var id = (await ReadAsync(await PublishAsync("brief.docx", docx, "Brief"), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var anonymous = Host.CreateClient();
        using var download = await anonymous.GetAsync(new Uri($"/api/publications/{id}/document", UriKind.Relative));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_file_whose_bytes_are_not_a_document_or_disagree_with_its_name_is_refused_and_nothing_is_published()
    {
        var script = await ReadAsync(await PublishAsync("rapport.pdf", Encoding.ASCII.GetBytes("<script>alert(1)</script>")), HttpStatusCode.Conflict);
        Assert.Contains("Alleen PDF-, ODT- en DOCX-bestanden", script.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var renamed = await ReadAsync(await PublishAsync("rapport.docx", Pdf), HttpStatusCode.Conflict);
        Assert.Contains("moet op .pdf eindigen", renamed.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var spreadsheet = Package(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"));
        await ReadAsync(await PublishAsync("cijfers.docx", spreadsheet), HttpStatusCode.Conflict);

        using var anonymous = Host.CreateClient();
        var list = await ReadAsync(await anonymous.GetAsync(new Uri("/api/publications", UriKind.Relative)), HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), p => p.GetProperty("title").GetString() == "Voortgangsrapportage 2026");
    }

    [Fact]
    public async Task An_unknown_woo_category_is_refused()
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        var refused = await ReadAsync(await secretary.PostAsJsonAsync("/api/publications",
            new { title = "Brief", kind = "Kamerbrief", informationCategory = "Geheime stukken" }), HttpStatusCode.BadRequest);
        Assert.Contains("geen informatiecategorie van de Woo", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
