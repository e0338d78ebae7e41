using Disambig.Clustering.Assignment;

namespace Disambig.Clustering.Tests;

public class HungarianAssignmentTests
{
    [Fact]
    public void Maximise_SquareMatrix_PicksTheBestPermutationNotTheGreedyOne()
    {
        // Greedy takes 9 first (row 0 -> column 0) and ends with 9 + 1 = 10; the optimum is 8 + 8 = 16.
        double[,] weights = { { 9, 8 }, { 8, 1 } };

        Assert.Equal([1, 0], HungarianAssignment.Maximise(weights));
    }

    [Fact]
    public void Maximise_MoreRowsThanColumns_LeavesTheWeakestRowUnassigned()
    {
        double[,] weights = { { 5 }, { 7 }, { 2 } };

        Assert.Equal([-1, 0, -1], HungarianAssignment.Maximise(weights));
    }

    [Fact]
    public void Maximise_EmptyMatrix_AssignsNothing()
    {
        Assert.Equal([-1, -1], HungarianAssignment.Maximise(new double[2, 0]));
        Assert.Empty(HungarianAssignment.Maximise(new double[0, 3]));
    }

    [Fact]
    public void Maximise_NaNWeight_Throws()
    {
        Assert.Throws<ArgumentException>(() => HungarianAssignment.Maximise(new double[,] { { 1, double.NaN } }));
    }

    [Theory]
    [InlineData(1, 3, 3)]
    [InlineData(2, 4, 2)]
    [InlineData(3, 2, 5)]
    [InlineData(4, 5, 5)]
    [InlineData(5, 6, 4)]
    public void Maximise_RandomMatrices_ReachesTheBruteForceOptimum(int seed, int rows, int columns)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 50; trial++)
        {
            var weights = new double[rows, columns];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++) weights[i, j] = random.Next(0, 10);
            }

            var assignment = HungarianAssignment.Maximise(weights);

            var used = assignment.Where(c => c >= 0).ToList();
            Assert.Equal(used.Count, used.Distinct().Count());
            Assert.Equal(Math.Min(rows, columns), used.Count);
            var total = assignment.Select((c, i) => c < 0 ? 0 : weights[i, c]).Sum();
            Assert.Equal(BruteForce(weights), total);
        }
    }

    private static double BruteForce(double[,] weights)
    {
        var (rows, columns) = (weights.GetLength(0), weights.GetLength(1));
        double Best(int row, int usedColumns)
        {
            if (row == rows) return 0;
            var best = Best(row + 1, usedColumns); // row unassigned
            for (var c = 0; c < columns; c++)
            {
                if ((usedColumns & (1 << c)) == 0) best = Math.Max(best, weights[row, c] + Best(row + 1, usedColumns | (1 << c)));
            }
            return best;
        }
        return Best(0, 0);
    }
}
