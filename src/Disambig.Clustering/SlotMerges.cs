namespace Disambig.Clustering;

/// <summary>A merge as the chain recorded it: matrix slots x &lt; y (the result took slot y), squared height, size.</summary>
internal readonly record struct SlotMerge(int X, int Y, double HeightSquared, int Size);

/// <summary>Turns merges in discovery order into scipy's layout.</summary>
internal static class SlotMerges
{
    /// <summary>
    /// Stable sort by height, then relabel as scipy's <c>label</c> does: a union-find over points gives the
    /// cluster id that currently holds slot x (slot x always contains point x), new clusters get n, n+1, ...
    /// </summary>
    public static Merge[] ToScipyOrder(SlotMerge[] merges, int n)
    {
        var order = new int[merges.Length];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        // Index as the second key makes the unstable Array.Sort stable.
        Array.Sort(order, (a, b) =>
        {
            var byHeight = merges[a].HeightSquared.CompareTo(merges[b].HeightSquared);
            return byHeight != 0 ? byHeight : a.CompareTo(b);
        });

        var sets = new ClusterUnionFind(n);
        var result = new Merge[merges.Length];
        for (var k = 0; k < order.Length; k++)
        {
            var merge = merges[order[k]];
            var left = sets.Find(merge.X);
            var right = sets.Find(merge.Y);
            sets.Union(left, right);
            result[k] = new Merge(Math.Min(left, right), Math.Max(left, right), Math.Sqrt(merge.HeightSquared), merge.Size);
        }

        return result;
    }

    /// <summary>Union-find over the 2n-1 cluster ids of a merge tree; a union creates the next id.</summary>
    private sealed class ClusterUnionFind
    {
        private readonly int[] _parent;
        private int _next;

        public ClusterUnionFind(int n)
        {
            _parent = new int[2 * n - 1];
            for (var k = 0; k < _parent.Length; k++)
            {
                _parent[k] = k;
            }

            _next = n;
        }

        public int Find(int id)
        {
            var root = id;
            while (_parent[root] != root)
            {
                root = _parent[root];
            }

            while (_parent[id] != root)
            {
                var next = _parent[id];
                _parent[id] = root;
                id = next;
            }

            return root;
        }

        public void Union(int leftRoot, int rightRoot)
        {
            _parent[leftRoot] = _next;
            _parent[rightRoot] = _next;
            _next++;
        }
    }
}
