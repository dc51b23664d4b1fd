namespace WalletFlow.Application.Commands;

/// <summary>
/// Marks a request field a caller may leave out (or send as null) in some valid request: absent means "none" (a
/// pay-in without a wallet goes to suspense) or one of several alternatives was given instead (a bank funding names
/// exactly one of bankId, network or counterpartyId). Every unmarked field is required. The OpenAPI document marks
/// required and nullable from this, so the contract says what the handlers check.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionalFieldAttribute : Attribute;
