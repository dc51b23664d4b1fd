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

    public ITurn<TGrain>? TakeTurn()
    {
        if (_items.First is not { } head)
        {
            return null;
        }

        _items.RemoveFirst();
        return head.Value.OpenTurn();
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
