using System.Numerics;
using System.Text.Json;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance;
using WalletFlow.Ledger.Formance.Wire;

namespace WalletFlow.Tests.Ledger.Formance;

/// <summary>Formance's wire format as WalletFlow reads and writes it: numbers, dates, errors, filters.</summary>
public sealed class FormanceWireTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-42")]
    [InlineData("9007199254740993")]
    [InlineData("1606938044258990275541962092341162602522202993782792835301376")]
    public void Amounts_round_trip_as_the_same_json_digits(string digits)
    {
        var posting = JsonSerializer.Deserialize<V2Posting>($$"""{"source":"a","destination":"b","amount":{{digits}},"asset":"X"}""", FormanceJson.Options)!;

        Assert.Equal(BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), posting.Amount);
        Assert.Contains($"\"amount\":{digits},", JsonSerializer.Serialize(posting, FormanceJson.Options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("\"100\"")]
    [InlineData("true")]
    public void An_amount_that_is_not_a_json_integer_is_refused(string amount) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<V2Posting>($$"""{"amount":{{amount}}}""", FormanceJson.Options));

    [Theory]
    [InlineData("2024-02-29T13:14:15Z", "2024-02-29T13:14:15Z")]
    [InlineData("2024-02-29T13:14:15.5Z", "2024-02-29T13:14:15.5Z")]
    [InlineData("2024-02-29T13:14:15.123456789Z", "2024-02-29T13:14:15.1234567Z")]
    [InlineData("2024-02-29T15:14:15+02:00", "2024-02-29T13:14:15Z")]
    public void Timestamps_are_read_in_any_RFC_3339_form_and_written_in_UTC(string read, string written)
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>($"\"{read}\"", FormanceJson.Options);

        Assert.Equal($"\"{written}\"", JsonSerializer.Serialize(value, FormanceJson.Options));
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("yesterday")]
    [InlineData("2024-02-29 13:14:15")]
    public void A_date_that_is_not_an_RFC_3339_timestamp_is_refused(string text) => Assert.False(Rfc3339.TryParse(text, out _));

    [Theory]
    [InlineData("INSUFFICIENT_FUND", ErrorCodes.InsufficientFunds)]
    [InlineData("VALIDATION", ErrorCodes.Validation)]
    [InlineData("COMPILATION_FAILED", ErrorCodes.CompilationFailed)]
    [InlineData("INTERPRETER_PARSE", ErrorCodes.CompilationFailed)]
    [InlineData("INTERPRETER_RUNTIME", ErrorCodes.InterpreterRuntime)]
    [InlineData("NO_POSTINGS", ErrorCodes.NoPostings)]
    [InlineData("ALREADY_REVERT", LedgerErrors.AlreadyRevertedCode)]
    [InlineData("CONFLICT", ErrorCodes.Conflict)]
    [InlineData("NOT_FOUND", ErrorCodes.NotFound)]
    [InlineData("LEDGER_NOT_FOUND", LedgerErrors.LedgerNotFoundCode)]
    [InlineData("METADATA_OVERRIDE", LedgerErrors.MetadataOverrideCode)]
    public void Formance_error_codes_become_WalletFlow_codes(string formance, string walletFlow) =>
        Assert.Equal(walletFlow, FormanceErrors.ToWalletFlow(new V2ErrorResponse(formance, "message")).Code);

    [Fact]
    public void A_key_reused_with_another_request_is_an_idempotency_conflict_and_other_validation_errors_stay_validation()
    {
        var reused = new V2ErrorResponse("VALIDATION", "invalid idempotency hash when using idempotency key 'k', has computed 'a' but 'b' is stored");

        Assert.Equal(new Error(ErrorCodes.IdempotencyConflict, reused.ErrorMessage, "idempotencyKey"), FormanceErrors.ToWalletFlow(reused, idempotencyKey: "k"));
        Assert.Equal(ErrorCodes.Validation, FormanceErrors.ToWalletFlow(new V2ErrorResponse("VALIDATION", "invalid address 'a b'"), idempotencyKey: "k").Code);
    }

    [Fact]
    public void Details_name_the_field_unless_they_are_a_link()
    {
        Assert.Equal("users:1", FormanceErrors.ToWalletFlow(new V2ErrorResponse("INSUFFICIENT_FUND", "m", "users:1")).Field);
        Assert.Null(FormanceErrors.ToWalletFlow(new V2ErrorResponse("INSUFFICIENT_FUND", "m", "https://play.numscript.org/?payload=x")).Field);
    }

    [Fact]
    public void An_error_code_WalletFlow_does_not_know_is_an_exception() =>
        Assert.Throws<FormanceLedgerException>(() => FormanceErrors.ToWalletFlow(new V2ErrorResponse("IMPORT", "m")));

    [Theory]
    [InlineData(ErrorCodes.InsufficientFunds, "INSUFFICIENT_FUND", 400)]
    [InlineData(ErrorCodes.Validation, "VALIDATION", 400)]
    [InlineData(ErrorCodes.InvalidAddress, "VALIDATION", 400)]
    [InlineData(ErrorCodes.InvalidAsset, "VALIDATION", 400)]
    [InlineData(ErrorCodes.InvalidAmount, "VALIDATION", 400)]
    [InlineData(ErrorCodes.IdempotencyConflict, "VALIDATION", 400)]
    [InlineData(ErrorCodes.CompilationFailed, "COMPILATION_FAILED", 400)]
    [InlineData(ErrorCodes.InterpreterRuntime, "INTERPRETER_RUNTIME", 400)]
    [InlineData(ErrorCodes.NoPostings, "NO_POSTINGS", 400)]
    [InlineData(LedgerErrors.AlreadyRevertedCode, "ALREADY_REVERT", 400)]
    [InlineData(LedgerErrors.MetadataOverrideCode, "METADATA_OVERRIDE", 400)]
    [InlineData(ErrorCodes.Conflict, "CONFLICT", 409)]
    [InlineData(ErrorCodes.NotFound, "NOT_FOUND", 404)]
    [InlineData(LedgerErrors.LedgerNotFoundCode, "LEDGER_NOT_FOUND", 404)]
    public void WalletFlow_error_codes_become_Formance_codes_and_statuses(string walletFlow, string formance, int status) =>
        Assert.Equal((formance, (System.Net.HttpStatusCode)status), FormanceErrors.ToFormance(new Error(walletFlow, "message")));

    [Fact]
    public void An_idempotency_conflict_survives_the_round_trip_through_Formance_codes()
    {
        var conflict = LedgerErrors.IdempotencyConflict("k-1");
        var (code, _) = FormanceErrors.ToFormance(conflict);

        Assert.Equal(conflict, FormanceErrors.ToWalletFlow(new V2ErrorResponse(code, conflict.Message, conflict.Field), idempotencyKey: "k-1"));
    }

    [Fact]
    public void Filters_are_written_as_Formance_match_clauses_and_read_back()
    {
        var filter = FormanceFilter.ForTransactions(new TransactionQuery
        {
            Account = "users:",
            Reference = "r-1",
            Metadata = new Dictionary<string, string> { ["kind"] = "fee" },
        })!.ToJsonString();

        Assert.Equal("""{"$and":[{"$match":{"account":"users:"}},{"$match":{"reference":"r-1"}},{"$match":{"metadata[kind]":"fee"}}]}""", filter);
        Assert.Equal(
            [new("account", "users:"), new("reference", "r-1"), new("metadata[kind]", "fee")],
            FormanceFilter.Parse(filter).Value);
        Assert.Null(FormanceFilter.ForAccounts(new AccountQuery()));
        Assert.Equal("kind", FormanceFilter.MetadataKey("metadata[kind]"));
        Assert.Null(FormanceFilter.MetadataKey("metadata[]"));
    }

    [Theory]
    [InlineData("""{"$or":[]}""")]
    [InlineData("""{"$match":{"address":"a","reference":"b"}}""")]
    [InlineData("""{"$match":{"balance[USD]":100}}""")]
    [InlineData("""{"$match":{"a":"b"},"$and":[]}""")]
    [InlineData("""[]""")]
    [InlineData("""{"$match":""")]
    public void A_filter_outside_the_supported_subset_is_refused(string json) =>
        Assert.Equal(ErrorCodes.Validation, FormanceFilter.Parse(json).Error?.Code);

    [Fact]
    public void A_request_read_from_the_wire_keeps_its_key_force_metadata_and_string_variables()
    {
        var body = JsonSerializer.Deserialize<V2PostTransaction>("""
            {"script":{"plain":"send [USD/2 1] (source = @world destination = @a)","vars":{"n":"USD/2 5","count":3}},
             "reference":"r","metadata":{"m":"v"},"timestamp":"2024-01-01T00:00:00Z"}
            """, FormanceJson.Options)!;

        var request = FormanceMapping.ToPort(body, idempotencyKey: "k", force: true).Value;

        Assert.Equal(new Dictionary<string, string> { ["n"] = "USD/2 5", ["count"] = "3" }, request.Script!.Vars);
        Assert.Equal(("k", true, "r", "v"), (request.IdempotencyKey, request.Force, request.Reference, request.Metadata["m"]));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), request.Timestamp);
        Assert.Null(request.Postings);
    }
}
