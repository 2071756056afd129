using System.Xml;
using System.Xml.Schema;

namespace LsiWorkflow.Engine.Tests.Interchange;

/// <summary>The OMG BPMN 2.0 XML Schema (see Schema/README.md), for validating exported files.</summary>
internal static class BpmnSchema
{
    private static readonly XmlSchemaSet Schemas = Load();

    /// <summary>Every schema error in the document; warnings about our own and Camunda's lax extensions are not errors.</summary>
    public static IReadOnlyList<string> Errors(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add($"{e.Exception?.LineNumber}:{e.Exception?.LinePosition} {e.Message}");
            }
        };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    private static XmlSchemaSet Load()
    {
        var folder = Path.Combine(Repository.InterchangeFolder, "Schema");
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        using var reader = XmlReader.Create(Path.Combine(folder, "BPMN20.xsd"), new XmlReaderSettings { XmlResolver = new XmlUrlResolver(), DtdProcessing = DtdProcessing.Ignore });
        set.Add(null, reader);
        set.Compile();
        return set;
    }
}
