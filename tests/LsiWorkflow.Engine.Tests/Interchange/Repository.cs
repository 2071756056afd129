using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Tests.Interchange;

/// <summary>The checkout the tests run from, found by walking up to the solution file.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string InterchangeFolder => Path.Combine(Root, "tests", "LsiWorkflow.Engine.Tests", "Interchange");

    /// <summary>Every shipped workflow in <c>workflows/</c>, by file name.</summary>
    public static IReadOnlyList<string> WorkflowNames { get; } =
        [.. Directory.GetFiles(Path.Combine(Root, "workflows"), "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!];

    public static WorkflowDefinition LoadWorkflow(string name) =>
        DefinitionSerializer.Parse(File.ReadAllText(Path.Combine(Root, "workflows", name)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LsiWorkflow.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No LsiWorkflow.sln above {AppContext.BaseDirectory}.");
    }
}
