namespace WalletFlow.Grains.Runtime;

/// <summary>The activation whose mailbox holds an item, seen from the item's cancellation callback.</summary>
internal interface IMailboxOwner<TGrain>
    where TGrain : class
{
    /// <summary>Removes the item if it is still waiting, and cancels it; an item whose turn began is left alone.</summary>
    void Withdraw(MailboxItem<TGrain> item);
}
