using System.IO.Compression;
using System.Text;

namespace LsiWorkflow.Domain;

/// <summary>A document format the LSI publishes, with its file extension and content type.</summary>
public sealed record DocumentFormat(string Name, string Extension, string ContentType);

/// <summary>
/// Which format a file really is, from its bytes rather than its name: a PDF starts with <c>%PDF-</c>; ODT and DOCX
/// are ZIP packages, an ODT with a <c>mimetype</c> entry naming an OpenDocument text, a DOCX with the
/// <c>word/document.xml</c> part. A file whose bytes and name disagree is refused.
/// </summary>
public static class DocumentFormats
{
    public static readonly DocumentFormat Pdf = new("PDF", ".pdf", "application/pdf");
    public static readonly DocumentFormat Odt = new("ODT", ".odt", "application/vnd.oasis.opendocument.text");
    public static readonly DocumentFormat Docx = new("DOCX", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /// <summary>Ten megabytes: a letter to parliament or a report with its annexes, not a data dump.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public static IReadOnlyList<DocumentFormat> All { get; } = [Pdf, Odt, Docx];

    /// <summary>The format of the file's content, or null when it is none of those published.</summary>
    public static DocumentFormat? Detect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.AsSpan().StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            if (zip.GetEntry("mimetype") is { } mimetype && mimetype.Length < 200)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                return reader.ReadToEnd().Trim() == Odt.ContentType ? Odt : null;
            }

            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null ? Docx : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Checks the file and returns its format; refuses a wrong size, an unknown format, or a name that lies about it.</summary>
    public static DocumentFormat Check(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw new DomainRuleException("Het bestand is leeg.");
        }

        if (content.Length > MaxBytes)
        {
            throw new DomainRuleException($"Het bestand is groter dan {MaxBytes / (1024 * 1024)} MB.");
        }

        var format = Detect(content)
            ?? throw new DomainRuleException("Alleen PDF-, ODT- en DOCX-bestanden kunnen worden gepubliceerd; de inhoud van dit bestand is geen van die.");
        if (!string.Equals(Path.GetExtension(fileName), format.Extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainRuleException($"De naam van het bestand past niet bij de inhoud: het is een {format.Name}-bestand en moet op {format.Extension} eindigen.");
        }

        return format;
    }
}

/// <summary>The categories of information the Wet open overheid (art. 3.3) names for active publication.</summary>
public static class WooCategories
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Wetten en algemeen verbindende voorschriften",
        "Overige besluiten van algemene strekking",
        "Ontwerpen van regelgeving met adviesaanvragen",
        "Organisatie en werkwijze",
        "Bereikbaarheidsgegevens",
        "Bij vertegenwoordigende organen ingekomen stukken",
        "Vergaderstukken Staten-Generaal",
        "Vergaderstukken decentrale overheden",
        "Agenda's en besluitenlijsten bestuurscolleges",
        "Adviezen",
        "Convenanten",
        "Jaarplannen en jaarverslagen",
        "Subsidieverplichtingen anders dan met beschikking",
        "Woo-verzoeken en -besluiten",
        "Onderzoeksrapporten",
        "Beschikkingen",
        "Klachtoordelen",
    ];
}

/// <summary>The bytes of a published document, apart from its row so that lists never load them.</summary>
public sealed class PublicationFile : Entity
{
    private PublicationFile()
    {
    }

    public PublicationFile(Guid publicationId, byte[] content)
        : base(publicationId)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
    }

    public byte[] Content { get; private set; } = [];
}
