namespace Disambig.Clustering;

/// <summary>The matrix slots still holding a cluster, in ascending order (removal shifts, O(n)).</summary>
internal sealed class LiveSlots
{
    private readonly int[] _slots;

    public LiveSlots(int count)
    {
        _slots = new int[count];
        for (var k = 0; k < count; k++)
        {
            _slots[k] = k;
        }

        Count = count;
    }

    public int Count { get; private set; }

    public int this[int position] => _slots[position];

    /// <summary>Position of a live slot.</summary>
    public int IndexOf(int slot) => Array.BinarySearch(_slots, 0, Count, slot);

    public void Remove(int slot)
    {
        var position = IndexOf(slot);
        Array.Copy(_slots, position + 1, _slots, position, Count - position - 1);
        Count--;
    }
}
