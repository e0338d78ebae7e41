namespace Disambig.Datasets.Recipes;

/// <summary>The catalog cannot give what the recipe asks (too few eligible artists, albums or tracks); the message says what is missing.</summary>
public sealed class RecipePlanException(string recipe, string reason)
    : Exception($"Recipe {recipe}: {reason}.")
{
    public string Recipe { get; } = recipe;
}
