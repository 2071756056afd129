using LsiWorkflow.Host.Features.Designer;

namespace LsiWorkflow.Host.Tests.Features.Designer;

public sealed class DefinitionHistoryTests
{
    [Fact]
    public void Undo_and_redo_walk_the_snapshots_and_a_new_change_drops_the_redo_steps()
    {
        var history = new DefinitionHistory();
        history.Reset("a");
        Assert.False(history.CanUndo);

        Assert.True(history.Record("b"));
        Assert.True(history.Record("c"));
        Assert.False(history.Record("c")); // the same state twice is no step

        Assert.Equal("b", history.Undo());
        Assert.Equal("a", history.Undo());
        Assert.Null(history.Undo());
        Assert.Equal("b", history.Redo());
        Assert.True(history.CanRedo);

        history.Record("d");
        Assert.False(history.CanRedo);
        Assert.Null(history.Redo());
        Assert.Equal("b", history.Undo());
        Assert.Equal("d", history.Redo());
    }

    [Fact]
    public void Only_the_most_recent_steps_are_kept()
    {
        var history = new DefinitionHistory(capacity: 2);
        history.Reset("0");
        history.Record("1");
        history.Record("2");
        history.Record("3");

        Assert.Equal("2", history.Undo());
        Assert.Equal("1", history.Undo());
        Assert.Null(history.Undo());
        Assert.Equal("1", history.Current);
    }
}
