using System.Reflection;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Runtime;
using NetArchTest.Rules;

namespace LsiWorkflow.Host.Tests.Architecture;

/// <summary>
/// The rules of the layout, pinned: the engine and the domain know no infrastructure, the runtime knows no host or
/// feature, and a feature uses only what another feature makes public.
/// </summary>
public sealed class ArchitectureTests
{
    private const string FeaturesNamespace = "LsiWorkflow.Host.Features";

    private static readonly string[] Infrastructure =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "Hangfire", "Mediator"];

    [Fact]
    public void The_engine_knows_no_infrastructure_and_no_other_project() =>
        AssertNone(Types.InAssembly(typeof(WorkflowRunner).Assembly).Should()
            .NotHaveDependencyOnAny([.. Infrastructure, "LsiWorkflow.Domain", "LsiWorkflow.Runtime", "LsiWorkflow.Host"]).GetResult());

    [Fact]
    public void The_domain_knows_no_infrastructure_and_no_other_project() =>
        AssertNone(Types.InAssembly(typeof(Project).Assembly).Should()
            .NotHaveDependencyOnAny([.. Infrastructure, "LsiWorkflow.Engine", "LsiWorkflow.Runtime", "LsiWorkflow.Host"]).GetResult());

    [Fact]
    public void The_runtime_knows_no_host_no_feature_and_no_web() =>
        AssertNone(Types.InAssembly(typeof(DurableRuntime).Assembly).Should()
            .NotHaveDependencyOnAny("LsiWorkflow.Host", "LsiWorkflow.Domain", "Microsoft.AspNetCore", "Mediator").GetResult());

    [Fact]
    public void A_feature_uses_only_what_another_feature_makes_public()
    {
        var host = typeof(Program).Assembly;
        var failures = new List<string>();
        foreach (var feature in FeatureNamespaces(host))
        {
            var internals = host.GetTypes()
                .Where(t => t.Namespace == feature && !t.IsNested && !t.IsPublic && !IsCompilerGenerated(t))
                .Select(t => t.FullName!)
                .ToArray();
            if (internals.Length == 0)
            {
                continue;
            }
            var result = Types.InAssembly(host).That().ResideInNamespace(FeaturesNamespace)
                .And().DoNotResideInNamespace(feature)
                .ShouldNot().HaveDependencyOnAny(internals).GetResult();
            failures.AddRange((result.FailingTypeNames ?? []).Select(t => $"{t} uses internals of {feature}"));
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The rule above must see something to judge: every feature folder is a namespace of its own.</summary>
    [Fact]
    public void Every_feature_folder_is_found() =>
        Assert.Superset(new HashSet<string> { "Projects", "Tasks", "Designer", "Notifications", "Instances", "Milestones" },
            FeatureNamespaces(typeof(Program).Assembly).Select(n => n[(FeaturesNamespace.Length + 1)..]).ToHashSet());

    private static IEnumerable<string> FeatureNamespaces(Assembly host) =>
        host.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal))
            .Select(n => string.Join('.', n.Split('.').Take(5)))
            .Distinct();

    private static bool IsCompilerGenerated(Type type) =>
        type.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null || type.Name.Contains('<', StringComparison.Ordinal);

    private static void AssertNone(TestResult result) =>
        Assert.True(result.IsSuccessful, "Forbidden references in: " + string.Join(", ", result.FailingTypeNames ?? []));
}
