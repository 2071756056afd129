using System.Text;
using System.Xml;

namespace LsiWorkflow.Engine.Interchange;

/// <summary>Hands out XML ids (NCNames) unique within one document, keeping a wanted id where it is free and valid.</summary>
internal sealed class XmlIds
{
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    public string Claim(string wanted)
    {
        var id = Sanitize(wanted);
        if (taken.Add(id))
        {
            return id;
        }
        for (var i = 2; ; i++)
        {
            var candidate = $"{id}_{i}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Characters an NCName cannot hold become '_'; an id that may not start as it does gets a '_' first.</summary>
    public static string Sanitize(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "_";
        }
        var builder = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            builder.Append(XmlConvert.IsNCNameChar(c) ? c : '_');
        }
        if (!XmlConvert.IsStartNCNameChar(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }
}
