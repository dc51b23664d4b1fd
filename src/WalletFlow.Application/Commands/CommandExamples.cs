namespace WalletFlow.Application.Commands;

/// <summary>
/// The ids the registry's example requests use: well-formed (so an example passes every field's grammar) and fixed
/// (so the documentation does not change from one build to the next). Contract tests swap them for real ids.
/// </summary>
public static class CommandExamples
{
    public const string WalletId = "wal_0195f3a2c4d07b3e8a1f6c2d9e4b7a10";
    public const string OtherWalletId = "wal_0195f3a2c4d07c1d9b2e5f3a8c6d4e21";
    public const string HoldId = "hold_0195f3a2c4d17d2e8c3f4a5b6c7d8e92";
    public const string QuoteId = "fxq_0195f3a2c4d27e3f9d4a5b6c7d8e9f03";
    public const string TransactionId = "wtx_0195f3a2c4d37f4a8e5b6c7d8e9fa014";
    public const string WebhookEndpointId = "whe_0195f3a2c4d47a5b9f6c7d8e9fa0b125";
    public const string WebhookDeliveryId = "whd_1042";
}
