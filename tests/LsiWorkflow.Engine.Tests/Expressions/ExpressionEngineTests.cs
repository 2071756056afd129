using System.Diagnostics;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Tests.Expressions;

public sealed class ExpressionEngineTests
{
    private static readonly ExpressionEngine Engine = Shared.Expressions;

    private static readonly ExpressionScope Scope = new()
    {
        Variables = new JsonObject { ["amount"] = 1500, ["partners"] = new JsonArray("UWV", "SVB"), ["project"] = new JsonObject { ["name"] = "Wijk Noord" } },
        Input = new JsonObject { ["projectId"] = "P-7" },
        Activities = new JsonObject { ["approve"] = new JsonObject { ["outcome"] = "Goedkeuren" } },
        InstanceId = Guid.Parse("7d9f3c52-8f6e-4c43-9a55-0f1c2f4b8e11"),
        DefinitionId = "project-approval",
        DefinitionVersion = 3,
        Now = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Evaluate_sees_variables_input_activities_instance_and_now()
    {
        Assert.Equal(1500, Engine.Evaluate("variables.amount", Scope)!.GetValue<long>());
        Assert.Equal(1501, Engine.Evaluate("amount + 1", Scope)!.GetValue<long>());
        Assert.Equal("P-7", Engine.Evaluate("input.projectId", Scope)!.GetValue<string>());
        Assert.Equal("Goedkeuren", Engine.Evaluate("activities.approve.outcome", Scope)!.GetValue<string>());
        Assert.Equal("project-approval", Engine.Evaluate("instance.definition_id", Scope)!.GetValue<string>());
        Assert.Equal(3, Engine.Evaluate("instance.version", Scope)!.GetValue<long>());
        Assert.Equal("2024", Engine.Evaluate("date.to_string now \"%Y\"", Scope)!.GetValue<string>());
        Assert.Equal("2024-06-01", Engine.Evaluate("date.to_string date.now \"%F\"", Scope)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_returns_arrays_and_objects_as_json()
    {
        var result = Engine.Evaluate("{ names: partners, first: partners[0], count: partners.size }", Scope)!.AsObject();

        Assert.True(JsonNode.DeepEquals(new JsonArray("UWV", "SVB"), result["names"]));
        Assert.Equal("UWV", result["first"]!.GetValue<string>());
        Assert.Equal(2, result["count"]!.GetValue<long>());
    }

    [Fact]
    public void Conditions_must_be_boolean()
    {
        Assert.True(Engine.EvaluateCondition("amount > 1000 && activities.approve.outcome == \"Goedkeuren\"", Scope));
        Assert.False(Engine.EvaluateCondition("variables.missing", Scope));
        Assert.Throws<ExpressionException>(() => Engine.EvaluateCondition("amount", Scope));
    }

    [Fact]
    public void Render_fills_a_template()
    {
        Assert.Equal("Project Wijk Noord: Goedkeuren", Engine.Render("Project {{ project.name }}: {{ activities.approve.outcome }}", Scope));
    }

    [Fact]
    public void Check_reports_parse_errors_in_dutch()
    {
        Assert.Null(Engine.Check("a + 1", isTemplate: false));
        Assert.Null(Engine.Check("Hallo {{ name }}", isTemplate: true));
        Assert.StartsWith("De expressie kan niet worden gelezen", Engine.Check("a +* 1", isTemplate: false), StringComparison.Ordinal);
        Assert.StartsWith("Het sjabloon kan niet worden gelezen", Engine.Check("{{ for }}", isTemplate: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Expressions_do_not_change_the_callers_data()
    {
        Engine.Evaluate("variables.amount = 0; amount = 0; project.name = 'x'", Scope);

        Assert.Equal(1500, Scope.Variables["amount"]!.GetValue<int>());
        Assert.Equal("Wijk Noord", Scope.Variables["project"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("include 'secrets.txt'")]
    [InlineData("import now")]
    [InlineData("now.Year + now.Ticks")]
    [InlineData("now.GetType().Assembly")]
    [InlineData("System.Environment.GetEnvironmentVariable('PATH')")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("environment")]
    public void Dotnet_types_environment_and_files_are_out_of_reach(string attack)
    {
        JsonNode? result;
        try
        {
            result = Engine.Evaluate(attack, Scope);
        }
        catch (ExpressionException)
        {
            return;
        }
        // Not an error: then it must have yielded nothing at all, never data from outside the scope.
        Assert.Null(result);
    }

    [Fact]
    public void Endless_loop_is_stopped_by_the_loop_limit()
    {
        var watch = Stopwatch.StartNew();

        var ex = Assert.Throws<ExpressionException>(() => Engine.Evaluate("x = 0; while true; x = x + 1; end; x", Scope));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), ex.Message);
    }

    [Fact]
    public void Endless_recursion_is_stopped()
    {
        Assert.Throws<ExpressionException>(() => Engine.Evaluate("func f(n); ret f(n + 1); end; f(0)", Scope));
    }

    [Fact]
    public void Huge_output_is_refused()
    {
        Assert.Throws<ExpressionException>(() => Engine.Render("{{ for i in 1..100000 }}xxxxxxxxxxxxxxxxxxxx{{ end }}", Scope));
        Assert.Throws<ExpressionException>(() => Engine.Evaluate("'x' | string.pad_left 10000000", Scope));
    }

    [Fact]
    public void Huge_array_results_are_refused()
    {
        var engine = new ExpressionEngine(new ExpressionLimits { LoopLimit = 0 });

        Assert.Throws<ExpressionException>(() => engine.Evaluate("1..1000000", Scope));
    }

    [Fact]
    public void Slow_expression_is_stopped_by_the_wall_clock()
    {
        var engine = new ExpressionEngine(new ExpressionLimits { LoopLimit = 0, Timeout = TimeSpan.FromMilliseconds(50) });
        var watch = Stopwatch.StartNew();

        var ex = Assert.Throws<ExpressionException>(() => engine.Evaluate("x = 0; while true; x = x + 1; end", Scope));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Contains("afgebroken", ex.Message, StringComparison.Ordinal);
    }
}
