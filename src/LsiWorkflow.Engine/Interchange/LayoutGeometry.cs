namespace LsiWorkflow.Engine.Interchange;

/// <summary>A point on the canvas; y grows downwards, as in the designer and in BPMN diagram interchange.</summary>
/// <param name="X">Horizontal coordinate.</param>
/// <param name="Y">Vertical coordinate.</param>
public readonly record struct LayoutPoint(double X, double Y);

/// <summary>The size of a box or a label.</summary>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct LayoutSize(double Width, double Height)
{
    /// <summary>No size: a connection without a label.</summary>
    public static LayoutSize Empty => default;

    /// <summary>True when there is nothing to place.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;
}

/// <summary>An axis-aligned rectangle given by its top-left corner and its size.</summary>
/// <param name="X">Left.</param>
/// <param name="Y">Top.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct LayoutRect(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge.</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge.</summary>
    public double Bottom => Y + Height;

    /// <summary>Horizontal centre.</summary>
    public double CenterX => X + Width / 2;

    /// <summary>Vertical centre.</summary>
    public double CenterY => Y + Height / 2;

    /// <summary>
    /// True when the two rectangles overlap or come closer than <paramref name="margin"/> to each other; rectangles
    /// that only touch do not intersect when the margin is zero.
    /// </summary>
    public bool Intersects(LayoutRect other, double margin = 0) =>
        X < other.Right + margin && other.X < Right + margin && Y < other.Bottom + margin && other.Y < Bottom + margin;
}
