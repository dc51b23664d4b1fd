using System.Numerics;
using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Bench.Numscript;

/// <summary>
/// The scripts the benchmark times. A plain list on purpose: a few scripts that exercise the engine's features, then
/// the 18 product templates (<see cref="TemplateScripts"/>).
/// </summary>
internal static class BenchmarkScripts
{
    public static IReadOnlyList<BenchmarkScript> All { get; } = [.. Features(), .. TemplateScripts.All];

    private static IEnumerable<BenchmarkScript> Features() =>
    [
        new(
            "pay-in",
            """
            vars { monetary $amount  account $wallet }
            send $amount ( source = @world destination = $wallet )
            set_tx_meta("kind", "pay-in")
            """,
            Vars(("amount", "USD/2 12500"), ("wallet", "wallets:42:available")),
            Balances()),
        new(
            "transfer",
            """
            vars { monetary $amount  account $from  account $to }
            send $amount ( source = $from destination = $to )
            """,
            Vars(("amount", "USD/2 2500"), ("from", "wallets:1:available"), ("to", "wallets:2:available")),
            Balances(("wallets:1:available", "USD/2", 100_000))),
        new(
            "hold",
            """
            vars { monetary $amount  account $wallet  account $hold }
            send $amount ( source = $wallet destination = $hold )
            set_account_meta($hold, "status", "reserved")
            """,
            Vars(("amount", "EUR/2 9900"), ("wallet", "wallets:7:available"), ("hold", "wallets:7:holds:h-1")),
            Balances(("wallets:7:available", "EUR/2", 50_000))),
        new(
            "allotment fee split",
            """
            vars { monetary $amount  account $payer  account $merchant  portion $fee }
            send $amount (
                source = $payer
                destination = {
                    $fee to @fees:processing
                    2.5% to @fees:platform
                    remaining to $merchant
                }
            )
            """,
            Vars(("amount", "USD/2 10000"), ("payer", "wallets:3:available"), ("merchant", "merchants:9"), ("fee", "1.5%")),
            Balances(("wallets:3:available", "USD/2", 1_000_000))),
        new(
            "ordered sources with overdraft",
            """
            vars { monetary $amount  account $user }
            send $amount (
                source = {
                    max [USD/2 1000] from @users:1:vouchers
                    @users:1:main
                    @users:1:credit allowing overdraft up to [USD/2 5000]
                }
                destination = @payments:77
            )
            """,
            Vars(("amount", "USD/2 4000"), ("user", "users:1")),
            Balances(("users:1:vouchers", "USD/2", 700), ("users:1:main", "USD/2", 1500))),
        new(
            "send-all",
            """
            vars { account $hold  account $wallet }
            send [USDC/6 *] (
                source = $hold
                destination = { max [USDC/6 100] to @fees:release  remaining to $wallet }
            )
            """,
            Vars(("hold", "wallets:5:holds:h-9"), ("wallet", "wallets:5:available")),
            Balances(("wallets:5:holds:h-9", "USDC/6", 25_000_000))),
    ];

    private static Dictionary<string, string> Vars(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    private static Dictionary<BalanceKey, BigInteger> Balances(params (string Account, string Asset, long Amount)[] balances) =>
        balances.ToDictionary(b => new BalanceKey(b.Account, b.Asset), b => new BigInteger(b.Amount));
}
