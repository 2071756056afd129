namespace LsiWorkflow.Engine.Interchange;

internal sealed partial class LayeredGraph
{
    private const int AlignmentRounds = 8;

    /// <summary>
    /// Stacks each column, then repeatedly moves every item towards where its neighbours want it (a weighted mean),
    /// column by column, left to right and back. Each column is solved exactly: the least-squares positions that keep
    /// the order and the spacing, by pool-adjacent-violators. The spacing is a hard constraint, so nothing overlaps.
    /// </summary>
    private void AssignVerticalPositions()
    {
        foreach (var layer in layers)
        {
            var y = 0.0;
            for (var p = 0; p < layer.Count; p++)
            {
                y = p == 0 ? items[layer[p]].Anchor : y + MinimumDistance(layer[p - 1], layer[p]);
                items[layer[p]].Y = y;
            }
        }
        for (var round = 0; round < AlignmentRounds; round++)
        {
            for (var l = 1; l < layers.Length; l++)
            {
                Align(layers[l], useLeft: true, useRight: false);
            }
            for (var l = layers.Length - 2; l >= 0; l--)
            {
                Align(layers[l], useLeft: false, useRight: true);
            }
        }
        for (var l = 0; l < layers.Length; l++)
        {
            Align(layers[l], useLeft: true, useRight: true);
        }
    }

    /// <summary>Distance between the anchors of two items next to each other in a column, the upper one first.</summary>
    private double MinimumDistance(int upper, int lower)
    {
        Item a = items[upper], b = items[lower];
        var spacing = a.Node >= 0 && b.Node >= 0 ? options.NodeSpacing : options.EdgeSpacing;
        return a.Height - a.Anchor + spacing + b.Anchor;
    }

    private void Align(List<int> layer, bool useLeft, bool useRight)
    {
        var n = layer.Count;
        if (n == 0)
        {
            return;
        }
        var target = new double[n];
        var weight = new double[n];
        for (var p = 0; p < n; p++)
        {
            var item = items[layer[p]];
            double sum = 0, count = 0;
            void Add(List<Link> links)
            {
                foreach (var link in links)
                {
                    sum += items[link.Other].Y + link.OtherDelta - link.SelfDelta;
                    count++;
                }
            }
            if (useLeft)
            {
                Add(item.Left);
            }
            // In the last pass a connection's slots follow their left neighbour only, so a line runs straight
            // from its source and bends once, before its target, instead of jogging at every column.
            if (useRight && (!useLeft || item.Node >= 0 || item.Left.Count == 0))
            {
                Add(item.Right);
            }
            foreach (var partner in item.Partners)
            {
                sum += items[partner].Y;
                count++;
            }
            if (count == 0)
            {
                // Nothing pulls it: it stays, yielding to items that are pulled.
                target[p] = item.Y;
                weight[p] = 0.05;
            }
            else
            {
                target[p] = sum / count;
                weight[p] = item.Weight;
            }
        }

        // y[p] = z[p] + offset[p] with z non-decreasing keeps every spacing; fit z to the targets.
        var offset = new double[n];
        for (var p = 1; p < n; p++)
        {
            offset[p] = offset[p - 1] + MinimumDistance(layer[p - 1], layer[p]);
        }
        var blockMean = new double[n];
        var blockWeight = new double[n];
        var blockSize = new int[n];
        var blocks = 0;
        for (var p = 0; p < n; p++)
        {
            blockMean[blocks] = target[p] - offset[p];
            blockWeight[blocks] = weight[p];
            blockSize[blocks] = 1;
            blocks++;
            while (blocks > 1 && blockMean[blocks - 2] > blockMean[blocks - 1])
            {
                var w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockMean[blocks - 2] = (blockMean[blocks - 2] * blockWeight[blocks - 2] + blockMean[blocks - 1] * blockWeight[blocks - 1]) / w;
                blockWeight[blocks - 2] = w;
                blockSize[blocks - 2] += blockSize[blocks - 1];
                blocks--;
            }
        }
        var index = 0;
        for (var b = 0; b < blocks; b++)
        {
            for (var k = 0; k < blockSize[b]; k++, index++)
            {
                items[layer[index]].Y = blockMean[b] + offset[index];
            }
        }
    }
}
