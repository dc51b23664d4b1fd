using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Tests.Domain.Ids;

public sealed class WebhookIdsTests
{
    [Theory]
    [InlineData("whd_1", 1L)]
    [InlineData("whd_9223372036854775807", long.MaxValue)]
    public void A_delivery_id_round_trips(string text, long value)
    {
        var id = WebhookDeliveryId.Parse(text).Value;

        Assert.Equal(value, id.Value);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("whd_")]
    [InlineData("whd_0")]
    [InlineData("whd_012")]
    [InlineData("whd_-5")]
    [InlineData("whd_1.5")]
    [InlineData("whd_9223372036854775808")]
    [InlineData("evt_12")]
    [InlineData("WHD_12")]
    public void Anything_else_is_not_a_delivery_id(string? text)
    {
        var parsed = WebhookDeliveryId.Parse(text);

        Assert.False(parsed.IsSuccess);
        Assert.Equal((ErrorCodes.InvalidId, "deliveryId"), (parsed.Error!.Code, parsed.Error.Field));
    }

    [Fact]
    public void An_endpoint_id_is_whe_and_a_time_ordered_guid()
    {
        var id = WebhookEndpointId.New(TimeProvider.System);

        Assert.StartsWith("whe_", id.ToString(), StringComparison.Ordinal);
        Assert.Equal(id, WebhookEndpointId.Parse(id.ToString()).Value);
        Assert.False(WebhookEndpointId.Parse("wal_" + id.ToString()[4..]).IsSuccess);
    }
}
