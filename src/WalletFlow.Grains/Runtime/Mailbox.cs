namespace WalletFlow.Grains.Runtime;

/// <summary>The items waiting for an activation, in arrival order. Not thread-safe: the activation's lock guards it.</summary>
internal sealed class Mailbox<TGrain>
    where TGrain : class
{
    private readonly LinkedList<MailboxItem<TGrain>> _items = new();

    public int Count => _items.Count;

    public void Add(MailboxItem<TGrain> item) => item.Node = _items.AddLast(item);

    public bool Remove(MailboxItem<TGrain> item)
    {
        if (item.Node?.List != _items)
        {
            return false;
        }

        _items.Remove(item.Node);
        return true;
    }

    public ITurn<TGrain>? TakeTurn(int maxBatchSize) => TakeNext<MailboxItem<TGrain>>()?.OpenTurn(this, maxBatchSize);

    /// <summary>Takes the item at the head if it is a <typeparamref name="T"/>.</summary>
    public T? TakeNext<T>()
        where T : MailboxItem<TGrain>
    {
        if (_items.First?.Value is not T next)
        {
            return null;
        }

        _items.RemoveFirst();
        return next;
    }

    public void FailAll(Exception exception)
    {
        foreach (var item in _items)
        {
            item.Fail(exception);
        }

        _items.Clear();
    }
}
