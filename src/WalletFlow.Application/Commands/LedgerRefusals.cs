using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;
using MoneyValue = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Application.Commands;

/// <summary>
/// A ledger's refusal of a command's posting, said in the caller's terms. The ledger speaks of account addresses,
/// assets in minor units and (Numscript) source positions; a partner needs what fell short, by how much, and what to
/// do about it. The executor logs the ledger's own words and puts them on the trace; they never reach the answer.
/// </summary>
internal static partial class LedgerRefusals
{
    /// <summary>Codes only a ledger or its engine produces for a planned posting: each means WalletFlow planned something the ledger cannot post.</summary>
    private static readonly HashSet<string> EngineCodes = new(StringComparer.Ordinal)
    {
        ErrorCodes.CompilationFailed, ErrorCodes.InterpreterRuntime, ErrorCodes.NoPostings, ErrorCodes.InvalidAddress, ErrorCodes.InvalidAsset,
        ErrorCodes.TemplateUnknown, ErrorCodes.UnclassifiedAddress, "METADATA_OVERRIDE", "LEDGER_NOT_FOUND",
    };

    /// <summary>The refusal as the caller should read it; <paramref name="error"/> itself when it is already in the caller's terms.</summary>
    public static Error Explain(Error error, CommandDescriptor command, object request)
    {
        if (error.Code == ErrorCodes.InsufficientFunds)
        {
            return Shortfall(error, command, request);
        }

        if (error.Code == ErrorCodes.BalanceOutOfRange)
        {
            return BeyondRange(error, command, request);
        }

        return EngineCodes.Contains(error.Code) || EnginePosition().IsMatch(error.Message)
            ? new Error(
                error.Code,
                $"The ledger refused the posting WalletFlow planned for this {Title(command)}, so nothing moved. The request may well be right: this is WalletFlow's fault. Contact support with the trace id.")
            : error;
    }

    private static Error Shortfall(Error error, CommandDescriptor command, object request)
    {
        var title = Title(command);
        if (!TryRead(error, out var account, out var currency, out var needed, out var available))
        {
            return new Error(ErrorCodes.InsufficientFunds, $"An account this {title} draws on does not have enough funds, so nothing moved. Fund it or use a smaller amount, then retry.");
        }

        var need = Format(needed, currency);
        return account switch
        {
            WalletAvailableAccount wallet => new Error(
                ErrorCodes.InsufficientFunds,
                $"Wallet {wallet.Wallet} has {Format(available, currency)} available and this {title} needs {need}, so nothing moved. Pay money into the wallet or use a smaller amount, then retry.",
                FieldHolding(command, request, wallet.Wallet.ToString())),
            WalletReserveAccount reserve => new Error(
                ErrorCodes.InsufficientFunds,
                $"The rolling reserve of wallet {reserve.Wallet} holds {Format(available, currency)} and this {title} needs {need}, so nothing moved. Release at most what the reserve holds.",
                FieldHolding(command, request, reserve.Wallet.ToString())),
            BankAccount bank => new Error(
                ErrorCodes.InsufficientFunds,
                $"Bank account {bank.Bank} has too little {bank.Currency.Code} recorded for this {title} ({need} needed), so nothing moved. Record the treasury wire that funds it (fundBankAccount), then retry.",
                FieldHolding(command, request, bank.Bank.Value)),
            FxPositionAccount fx => new Error(
                ErrorCodes.InsufficientFunds,
                $"The FX desk's {fx.Currency.Code} position cannot cover this {title} ({need} needed), so nothing moved. Fund the position (fundBankAccount with purpose fx_position), then retry."),
            GpsPoolAccount pool => new Error(
                ErrorCodes.InsufficientFunds,
                $"The GPS pool in {pool.Currency.Code} cannot cover this {title} ({need} needed), so nothing moved. Top the pool up (topUpGpsPool), then retry."),
            CounterpartyAccount counterparty => new Error(
                ErrorCodes.InsufficientFunds,
                $"WalletFlow's balance with counterparty {counterparty.Counterparty} cannot cover this {title} ({need} needed), so nothing moved.",
                FieldHolding(command, request, counterparty.Counterparty.Value)),
            StablecoinCustodyAccount custody => new Error(
                ErrorCodes.InsufficientFunds,
                $"Custody of {custody.Currency.Code} on {custody.Network} cannot cover this {title} ({need} needed), so nothing moved.",
                FieldHolding(command, request, custody.Network.Value)),
            _ => new Error(ErrorCodes.InsufficientFunds, $"An account this {title} draws on cannot cover {need}, so nothing moved."),
        };
    }

    private static Error BeyondRange(Error error, CommandDescriptor command, object request)
    {
        var title = Title(command);
        return AccountAddress.Parse(error.Field ?? string.Empty).TryGetValue(out var account, out _) && account is WalletAvailableAccount wallet
            ? new Error(
                ErrorCodes.BalanceOutOfRange,
                $"This {title} would take the balance of wallet {wallet.Wallet} beyond what WalletFlow can hold (64-bit minor units), so nothing moved.",
                FieldHolding(command, request, wallet.Wallet.ToString()))
            : new Error(
                ErrorCodes.BalanceOutOfRange,
                $"This {title} would take the balance of {error.Field ?? "an account it touches"} beyond what WalletFlow can hold (64-bit minor units), so nothing moved.");
    }

    /// <summary>The account that fell short and the amounts, from the embedded ledger's two wordings (a Numscript run, a posting list).</summary>
    private static bool TryRead(Error error, out AccountAddress account, out Currency currency, out BigInteger needed, out BigInteger available)
    {
        account = null!;
        currency = null!;
        needed = available = BigInteger.Zero;
        var match = ScriptShortfall().Match(error.Message) is { Success: true } script ? script : PostingShortfall().Match(error.Message);
        if (!match.Success
            || !AccountAddress.Parse(match.Groups["account"].Value).TryGetValue(out var parsed, out _)
            || !Currency.Find(match.Groups["asset"].Value.Split('/')[0]).TryGetValue(out var found, out _))
        {
            return false;
        }

        account = parsed;
        currency = found;
        needed = BigInteger.Parse(match.Groups["needed"].Value, CultureInfo.InvariantCulture);
        available = BigInteger.Parse(match.Groups["available"].Value, CultureInfo.InvariantCulture);
        return true;
    }

    private static string Format(BigInteger minor, Currency currency) =>
        minor >= long.MinValue && minor <= long.MaxValue
            ? new MoneyValue((long)minor, currency).ToString()
            : $"{minor.ToString(CultureInfo.InvariantCulture)} minor units of {currency.Code}";

    /// <summary>The request field that named the account (a transfer's sourceWalletId), so a form can point at it.</summary>
    private static string? FieldHolding(CommandDescriptor command, object request, string id) =>
        RequestField.Of(command.RequestType).FirstOrDefault(field => field.Property.GetValue(request) as string == id)?.Name;

    /// <summary>"transfer", "reserve payout", but "FX deal" and "OTC trade" keep their capitals.</summary>
    private static string Title(CommandDescriptor command) =>
        command.Title.Length > 1 && char.IsUpper(command.Title[1]) ? command.Title : char.ToLowerInvariant(command.Title[0]) + command.Title[1..];

    [GeneratedRegex(@"not enough funds in @(?<account>[^,:\s]+(?::[^,:\s]+)*)(?:, @[^:\s]+(?::[^,:\s]+)*)*: needed \[(?<asset>\S+) (?<needed>\d+)\], only \[\S+ (?<available>-?\d+)\] available", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptShortfall();

    [GeneratedRegex(@"^Account (?<account>\S+) has (?<available>-?\d+) (?<asset>\S+) and cannot send (?<needed>\d+)\.", RegexOptions.CultureInvariant)]
    private static partial Regex PostingShortfall();

    /// <summary>A Numscript source position leading a message ("16:12: ..."), the mark of an engine message.</summary>
    [GeneratedRegex(@"^\d+:\d+: ", RegexOptions.CultureInvariant)]
    private static partial Regex EnginePosition();
}
