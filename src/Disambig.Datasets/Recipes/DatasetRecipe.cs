namespace Disambig.Datasets.Recipes;

/// <summary>The training sets of section 4.3 of the paper.</summary>
public enum DatasetRecipe
{
    /// <summary>N artists x 17 tracks (15 train, 2 early stopping), one 30 s excerpt per track cut into 3 s segments.</summary>
    MsdSmall,

    /// <summary>Artists with at least 4 albums of more than 3 tracks; 9 s samples per artist, split by album.</summary>
    Balanced,

    /// <summary>Artists with at least 4 tracks, 10 samples of 9 s per track, split by artist, long tail kept; plus its two balanced versions.</summary>
    Unbalanced,

    /// <summary>One 9 s sample per track with the artists' genre tags, split by artist.</summary>
    SideInformation,
}

/// <summary>The command-line names of the recipes.</summary>
public static class DatasetRecipes
{
    private static readonly Dictionary<DatasetRecipe, string> Names = new()
    {
        [DatasetRecipe.MsdSmall] = "msd-small",
        [DatasetRecipe.Balanced] = "balanced",
        [DatasetRecipe.Unbalanced] = "unbalanced",
        [DatasetRecipe.SideInformation] = "side-information",
    };

    /// <summary>Every recipe name, in the paper's order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string NameOf(DatasetRecipe recipe) => Names[recipe];

    /// <exception cref="ArgumentException">The name is none of <see cref="All"/>.</exception>
    public static DatasetRecipe Parse(string name)
    {
        var wanted = name.Trim().ToLowerInvariant();
        foreach (var (recipe, text) in Names)
        {
            if (text == wanted) return recipe;
        }
        throw new ArgumentException($"Unknown recipe '{name}'; the recipes are {string.Join(", ", All)}.", nameof(name));
    }
}

/// <summary>Names of the datasets a recipe writes, each under its own prefix below the build's prefix.</summary>
public static class SplitNames
{
    public const string Train = "train";
    public const string EarlyStopping = "early-stopping";
    public const string Test = "test";

    /// <summary>(A) of the paper: the unbalanced training set cut down so every artist has the same count.</summary>
    public const string TrainCutDown = "train-cut-down";

    /// <summary>(B) of the paper: the unbalanced training set with samples repeated up to the same count.</summary>
    public const string TrainRepeated = "train-repeated";
}
