namespace Disambig.Storage;

/// <summary>
/// A store whose objects are files on this machine, so large objects can be memory-mapped in place
/// instead of copied to a cache first.
/// </summary>
public interface ILocalBlobFiles
{
    /// <summary>The full path of the object's file (which may not exist yet); the name is validated first.</summary>
    string LocalPathOf(string name);
}
