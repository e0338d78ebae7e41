namespace Disambig.Evaluation.Tests;

public sealed class TasksTests
{
    private static readonly ClassificationSet Set = ClassificationSet.Build(
        [.. Enumerable.Range(0, 6).SelectMany(a => Tracks.Of($"artist-{a}", 20))], new EvaluationOptions());

    private static HomonymSet Groups(int count) => HomonymSet.Build(
        [.. Enumerable.Range(0, count).SelectMany(g => Enumerable.Range(0, 2 + g % 3).SelectMany(a => Tracks.Of($"g{g}-a{a}", 6, $"Group {g}")))],
        new EvaluationOptions());

    [Fact]
    public void Classification_WellSeparatedArtists_GivesAccuracyOneAndEerZero()
    {
        var vectors = Tracks.Clustered(Set.ModelTracks.Concat(Set.TestTracks), t => t.Artist, noise: 0.5);
        var result = ClassificationTask.Run(Set, vectors)!;

        Assert.Equal((6, 90, 30), (result.Artists, result.ModelTracks, result.TestTracks));
        Assert.Equal(1.0, result.Accuracy);
        Assert.Equal(0.0, result.EqualErrorRate);
        Assert.InRange(result.EerThreshold, 0, 14.2);
    }

    [Fact]
    public void Classification_ArtistsOnTopOfEachOther_ErrsLikeChance()
    {
        var vectors = Tracks.Clustered(Set.ModelTracks.Concat(Set.TestTracks), _ => 0, noise: 1);
        var result = ClassificationTask.Run(Set, vectors)!;

        Assert.InRange(result.Accuracy, 0, 0.5);
        Assert.InRange(result.EqualErrorRate, 0.25, 0.75);
    }

    [Fact]
    public void Classification_TracksWithoutVectors_AreLeftOutAndAnArtistWithoutModelTracksDropped()
    {
        var vectors = Tracks.Clustered(Set.ModelTracks.Concat(Set.TestTracks), t => t.Artist, noise: 0.5);
        foreach (var t in Set.ModelTracks.Where(t => t.Artist == 0)) vectors.Remove(t.Track.TrackId);
        vectors.Remove(Set.TestTracks.First(t => t.Artist == 1).Track.TrackId);

        var result = ClassificationTask.Run(Set, vectors)!;
        Assert.Equal((5, 75, 24), (result.Artists, result.ModelTracks, result.TestTracks));
    }

    [Fact]
    public void Clustering_WellSeparatedArtists_RecoversEveryGroupExactly()
    {
        var set = Groups(7);
        var vectors = Tracks.Clustered(set.Groups.SelectMany(g => g.Tracks), t => t.Artist, noise: 0.5);
        var result = ClusteringTask.Run(set, vectors, folds: 5, seed: 1)!;

        Assert.Equal((7, 5), (result.Groups, result.Folds));
        Assert.Equal(set.Groups.Sum(g => g.Artists.Count), result.Artists);
        Assert.Equal(1.0, result.MeanAri, 12);
        Assert.Equal(1.0, result.MeanAmi, 12);
        Assert.Equal(5, result.FoldThresholds.Count);
        Assert.InRange(result.Threshold, 1, 100);
    }

    [Fact]
    public void Clustering_FewerGroupsThanFolds_UsesOneFoldPerGroup_AndOneGroupIsTooFew()
    {
        var set = Groups(3);
        var vectors = Tracks.Clustered(set.Groups.SelectMany(g => g.Tracks), t => t.Artist, noise: 0.5);
        Assert.Equal(3, ClusteringTask.Run(set, vectors, folds: 5, seed: 1)!.Folds);
        Assert.Null(ClusteringTask.Run(Groups(1), vectors, folds: 5, seed: 1));
    }

    [Fact]
    public void Clustering_OneArtistNamesWithTwoStyles_DeployedThresholdKeepsThemWhole_AndEveryNameIsReported()
    {
        var set = Groups(8);
        // Eight one-artist names, each with two styles as far apart as two artists (centres 10 e_k and 10 e_(k+1)).
        var oneArtist = new OneArtistSet([.. Enumerable.Range(0, 8).Select(n => new OneArtistName($"solo-{n}",
            [.. Tracks.Of($"solo-{n}", 6).Select((t, i) => new LabelledTrack(t, 0))]))]);
        var vectors = Tracks.Clustered(set.Groups.SelectMany(g => g.Tracks), t => t.Artist, noise: 0.5);
        var styled = Tracks.Clustered(oneArtist.Names.SelectMany(n => n.Tracks), t => 4 + int.Parse(t.Track.TrackId[(t.Track.TrackId.LastIndexOf('/') + 1)..]) % 2, noise: 0.5, seed: 9);
        foreach (var (id, vector) in styled) vectors[id] = vector;

        var free = ClusteringTask.Run(set, oneArtist, vectors, new EvaluationOptions { MaxOneArtistSplitShare = 1 })!;
        var limited = ClusteringTask.Run(set, oneArtist, vectors, new EvaluationOptions { MaxOneArtistSplitShare = 0.05 })!;

        Assert.Equal(1.0, free.DeployedOneArtistSplitShare);
        Assert.Equal(0.0, limited.DeployedOneArtistSplitShare);
        Assert.True(limited.Threshold > free.Threshold);
        Assert.Equal(8, limited.OneArtistNames);
        Assert.Equal(16, limited.Names!.Count);
        Assert.Equal(set.Groups.Select(g => g.Name), limited.Names.Where(n => n.Kind == "homonym").Select(n => n.Name));
        Assert.All(limited.Names.Where(n => n.Kind == "one-artist"), n => Assert.Equal([n.Name], n.Artists));
        Assert.Equal(limited.Names.Count(n => n.FlaggedForReview), limited.FlaggedForReview);
        Assert.Equal(16, limited.Reliability!.Sum(b => b.Names));
    }
}
