namespace WalletFlow.Console.Circuit;

/// <summary>
/// Tells this process's live pages that the books changed. The outbox relay of any replica publishes the events it
/// relayed (on Redis when it is configured, so every replica hears them; otherwise in this process only), and each page
/// listening here reads its figures again. A signal, not a message: a page reads everything there is, so changes that
/// arrive before it has read the last one are read with it.
/// </summary>
public sealed class LiveChanges
{
    private readonly Lock _gate = new();
    private readonly HashSet<ChangeListener> _listeners = [];

    /// <summary>A listener for one live page; disposing it stops the signals.</summary>
    public ChangeListener Listen()
    {
        var listener = new ChangeListener(this);
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return listener;
    }

    /// <summary>Something changed: every listening page reads its figures again, within its own pace.</summary>
    public void Announce()
    {
        ChangeListener[] listeners;
        lock (_gate)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener.Signal();
        }
    }

    internal void Remove(ChangeListener listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }
    }
}
