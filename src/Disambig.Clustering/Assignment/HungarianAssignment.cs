namespace Disambig.Clustering.Assignment;

/// <summary>
/// Optimal assignment (Hungarian algorithm, Kuhn–Munkres with row and column potentials, O(r² c)) of the rows of a
/// rectangular weight matrix to distinct columns, maximising the summed weight. Pure: no I/O.
/// </summary>
public static class HungarianAssignment
{
    /// <summary>
    /// Assigns each row to at most one column and each column to at most one row so that the summed weight of the
    /// assigned pairs is the largest possible. With fewer columns than rows, some rows stay unassigned (and vice versa).
    /// </summary>
    /// <param name="weights">[rows, columns] finite weights; may be empty in either dimension.</param>
    /// <returns>Per row, its column, or -1 when the row is left unassigned.</returns>
    /// <exception cref="ArgumentException">A weight is NaN or infinite.</exception>
    public static int[] Maximise(double[,] weights)
    {
        var (rows, columns) = (weights.GetLength(0), weights.GetLength(1));
        if (rows == 0 || columns == 0) return Enumerable.Repeat(-1, rows).ToArray();
        var max = 0.0;
        foreach (var w in weights)
        {
            if (!double.IsFinite(w)) throw new ArgumentException($"Assignment weights must be finite; found {w}.", nameof(weights));
            max = Math.Max(max, w);
        }
        // The classic algorithm minimises cost with rows <= columns: transpose when needed, and cost = max - weight.
        var transpose = rows > columns;
        var (n, m) = transpose ? (columns, rows) : (rows, columns);
        var cost = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                cost[i, j] = max - (transpose ? weights[j, i] : weights[i, j]);
            }
        }
        var columnOfRow = Minimise(cost);
        var result = Enumerable.Repeat(-1, rows).ToArray();
        for (var i = 0; i < n; i++)
        {
            if (transpose) result[columnOfRow[i]] = i;
            else result[i] = columnOfRow[i];
        }
        return result;
    }

    /// <summary>Minimum-cost assignment of every row to a distinct column; requires rows &lt;= columns.</summary>
    private static int[] Minimise(double[,] cost)
    {
        var (n, m) = (cost.GetLength(0), cost.GetLength(1));
        // 1-based arrays as in the textbook form: rowOfColumn[0] is the row being added.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOfColumn = new int[m + 1];
        var way = new int[m + 1];
        for (var row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            var column0 = 0;
            var minSlack = new double[m + 1];
            Array.Fill(minSlack, double.PositiveInfinity);
            var used = new bool[m + 1];
            do
            {
                used[column0] = true;
                var (i0, delta, column1) = (rowOfColumn[column0], double.PositiveInfinity, 0);
                for (var j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    var slack = cost[i0 - 1, j - 1] - u[i0] - v[j];
                    if (slack < minSlack[j]) (minSlack[j], way[j]) = (slack, column0);
                    if (minSlack[j] < delta) (delta, column1) = (minSlack[j], j);
                }
                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }
                column0 = column1;
            }
            while (rowOfColumn[column0] != 0);
            do
            {
                var column1 = way[column0];
                rowOfColumn[column0] = rowOfColumn[column1];
                column0 = column1;
            }
            while (column0 != 0);
        }
        var columnOfRow = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (rowOfColumn[j] != 0) columnOfRow[rowOfColumn[j] - 1] = j - 1;
        }
        return columnOfRow;
    }
}
