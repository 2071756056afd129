using System.Diagnostics;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Tests.Expressions;

/// <summary>
/// Attacks beyond the basic sandbox tests: what exhausts the stack, the memory or the clock inside a single
/// built-in call, where the loop counter and the wall clock cannot look.
/// </summary>
public sealed class HostileExpressionTests
{
    private static readonly ExpressionEngine Engine = Shared.Expressions;
    private static readonly ExpressionScope Scope = new() { Variables = new JsonObject { ["name"] = "Wijk" } };

    public static TheoryData<string> DeeplyNested => new()
    {
        new string('(', 100_000) + "1" + new string(')', 100_000),
        new string('[', 100_000) + new string(']', 100_000),
        string.Concat(Enumerable.Repeat("if true; ", 20_000)) + "1" + string.Concat(Enumerable.Repeat(" end;", 20_000)),
        string.Concat(Enumerable.Repeat("-", 100_000)) + "1",
    };

    /// <summary>The parser recurses per level: without a depth limit such a text overflows the stack and ends the process.</summary>
    [Theory]
    [MemberData(nameof(DeeplyNested))]
    public void Deeply_nested_text_is_refused_by_the_parser_not_by_a_stack_overflow(string text)
    {
        Assert.NotNull(Engine.Check(text, isTemplate: false));
        Assert.Throws<ExpressionException>(() => Engine.Evaluate(text, Scope));
        Assert.Throws<ExpressionException>(() => Engine.Render("{{ " + text + " }}", Scope));
    }

    [Fact]
    public void Doubling_a_string_is_stopped_before_it_eats_the_memory()
    {
        var watch = Stopwatch.StartNew();

        foreach (var attack in new[]
        {
            "s = 'xxxxxxxx'; for i in 1..40; s = s + s; end; s",
            "s = 'xxxxxxxx'; for i in 1..40; s = s | string.append s; end; s",
            "a = [1]; for i in 1..40; a = a | array.concat a; end; a | array.size",
        })
        {
            try
            {
                var result = Engine.Evaluate(attack, Scope);
                Assert.True((result?.ToJsonString().Length ?? 0) <= new ExpressionLimits().MaxOutputLength, $"{attack}: an oversized result came back ({result?.ToJsonString().Length} characters)");
            }
            catch (ExpressionException)
            {
                // refused: fine
            }
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Catastrophic_regular_expressions_are_stopped_by_the_time_limit()
    {
        var engine = new ExpressionEngine(new ExpressionLimits { Timeout = TimeSpan.FromMilliseconds(200) });
        var watch = Stopwatch.StartNew();

        Assert.Throws<ExpressionException>(() => engine.Evaluate($"regex.match '{new string('a', 40)}!' '^(a+)+$'", Scope));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("(1..2000000000) | array.size")]
    [InlineData("(1..2000000000) | array.join ','")]
    [InlineData("'x' | string.pad_right 2000000000")]
    [InlineData("array.insert_at [] 100000000 1")]
    [InlineData("'ab' | string.replace 'a' ('' | string.pad_left 1000000)")]
    public void Single_builtin_calls_cannot_run_away(string attack)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var result = Engine.Evaluate(attack, Scope);
            Assert.True((result?.ToJsonString().Length ?? 0) <= new ExpressionLimits().MaxOutputLength, "an oversized result came back");
        }
        catch (ExpressionException)
        {
            // refused: fine
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("object.eval_template '{{ include \"appsettings.json\" }}'")]
    [InlineData("object.eval 'environment'")]
    [InlineData("object.typeof now")]
    [InlineData("now.AddDays(1).GetType()")]
    [InlineData("date.parse '2024-01-01' | object.kind")]
    [InlineData("$$ = 1; $$")]
    [InlineData("this")]
    public void Reflection_like_builtins_yield_nothing_from_outside(string attack)
    {
        try
        {
            var result = Engine.Evaluate(attack, Scope)?.ToJsonString() ?? "";
            Assert.DoesNotContain("System.", result, StringComparison.Ordinal);
            Assert.DoesNotContain("PATH", result, StringComparison.Ordinal);
            Assert.DoesNotContain("ConnectionStrings", result, StringComparison.Ordinal);
        }
        catch (ExpressionException)
        {
            // refused: fine
        }
    }

    /// <summary>The builtins are shared by every evaluation of an engine: one script must not change them for the next.</summary>
    [Theory]
    [InlineData("string.upcase = 'gekaapt'")]
    [InlineData("array.size = 0")]
    [InlineData("math = 1")]
    [InlineData("string.upcase_copy = string.upcase; string.upcase = nil")]
    [InlineData("string.gekaapt = 'ja'")]
    public void A_script_cannot_change_the_builtins_for_the_next_one(string attack)
    {
        try
        {
            Engine.Evaluate(attack, Scope);
        }
        catch (ExpressionException)
        {
            // refused: fine
        }
        Assert.Equal("WIJK", Engine.Evaluate("name | string.upcase", Scope)?.GetValue<string>());
        Assert.Equal(3, Engine.Evaluate("[1, 2, 3] | array.size", Scope)?.GetValue<long>());
        Assert.Equal(2, Engine.Evaluate("-2 | math.abs", Scope)?.GetValue<long>());
        Assert.Null(Engine.Evaluate("string.gekaapt", Scope));
    }
}
