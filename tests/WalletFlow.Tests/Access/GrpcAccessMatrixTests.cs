using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Access;
using WalletFlow.Api.Grpc;
using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Tests.Grpc;
using WalletFlow.Tests.Infrastructure;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace WalletFlow.Tests.Access;

/// <summary>
/// The gRPC half of the access matrix, generated from the service descriptors of the contract (not a hand-kept list):
/// every method of every WalletFlow service is called with no credential, a wrong token, the wrong role and the right
/// one. Refusals are UNAUTHENTICATED or PERMISSION_DENIED with WalletFlow's rich details, and change nothing in the
/// books; the right credential is admitted. Each method's rule is the one its registry entry (or, for a read, the
/// operator rule) says, and only health and reflection are public (<see cref="AccessMatrixTests"/> lists them).
/// </summary>
public sealed class GrpcAccessMatrixTests(PostgresFixture postgres) : IAsyncLifetime
{
    private GrpcApi _admins = null!;
    private GrpcApi _operators = null!;
    private IReadOnlyList<AccessMatrixTests.Route> _routes = null!;

    /// <summary>Every method of every service WalletFlow serves over gRPC, from the descriptors the services are generated from.</summary>
    public static IReadOnlyList<MethodDescriptor> Methods { get; } =
    [
        .. GrpcFront.ServiceNames.Select(Service).SelectMany(service => service.Methods),
    ];

    public async ValueTask InitializeAsync()
    {
        _admins = await GrpcApi.StartAsync(postgres, nameof(GrpcAccessMatrixTests), LedgerSurface.Settings);
        _operators = await GrpcApi.StartAsync(postgres, nameof(GrpcAccessMatrixTests) + "_operators", LedgerSurface.Settings,
            services => services.AddSingleton<IClaimsTransformation, OperatorsOnly>());
        _routes = await AccessMatrixTests.RoutesAsync(_admins.Services);
    }

    public async ValueTask DisposeAsync()
    {
        await _admins.DisposeAsync();
        await _operators.DisposeAsync();
    }

    /// <summary>The reads a partner key may call (held to its merchant by the service; docs/tenancy.md).</summary>
    private static readonly string[] PartnerReads =
        [.. new[] { "GetWallet", "GetBalances", "GetStatement", "GetCommand" }.Select(name => $"/walletflow.v1.WalletReads/{name}")];

    [Fact]
    public void Every_method_declares_the_rule_of_its_command_or_the_operator_rule_for_reads_but_the_partner_s_wallet_reads()
    {
        Assert.True(Methods.Count > 30, $"only {Methods.Count} methods were found: the enumeration is broken");
        var failures = new List<string>();
        foreach (var method in Methods)
        {
            var route = _routes.SingleOrDefault(route => route.IsGrpc && route.Pattern == Path(method));
            string[] expected = CommandGrpcMethods.CommandAt(Path(method)) is { } command ? [.. AccessRoles.Of(command.AllowedRoles).Order()]
                : PartnerReads.Contains(Path(method)) ? [AccessRoles.Admin, AccessRoles.Operator, AccessRoles.Partner]
                : [AccessRoles.Admin, AccessRoles.Operator];
            if (route is null)
            {
                failures.Add($"{Path(method)} is not mapped");
            }
            else if (route.IsPublic || route.Rule is null || !route.Rule.Roles.SequenceEqual(expected) || !route.Rule.Schemes.SequenceEqual([AccessSchemes.Bearer]))
            {
                failures.Add($"{Path(method)} admits {(route.IsPublic ? "anyone" : route.Rule?.Who ?? "nobody declared")} by {route.Rule?.Credential}, not {string.Join(", ", expected)} by bearer");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(
            [.. Methods.Select(Path).Order(StringComparer.Ordinal)],
            [.. _routes.Where(route => route.IsGrpc && !route.IsPublic).Select(route => route.Pattern).Order(StringComparer.Ordinal)]);
    }

    [Fact]
    public async Task Calls_without_a_credential_or_with_a_wrong_token_are_unauthenticated_everywhere_and_change_nothing()
    {
        var books = await Books.FingerprintAsync(Database(_admins));
        using var anonymous = new GrpcCaller(_admins.GrpcAddress);
        using var wrong = new GrpcCaller(_admins.GrpcAddress, "not-" + LedgerSurface.AdminToken);
        var failures = new List<string>();

        foreach (var method in Methods)
        {
            var withoutCredential = await CallAsync(anonymous, method);
            var withWrongToken = await CallAsync(wrong, method);
            failures.AddRange(Refusal(method, "without a credential", withoutCredential, StatusCode.Unauthenticated, "UNAUTHORIZED"));
            failures.AddRange(Refusal(method, "with a wrong token", withWrongToken, StatusCode.Unauthenticated, "UNAUTHORIZED"));
        }

        Assert.Empty(failures);
        Assert.Equal(books, await Books.FingerprintAsync(Database(_admins)));
    }

    [Fact]
    public async Task An_operator_is_refused_where_only_admins_may_call_and_changes_nothing()
    {
        var books = await Books.FingerprintAsync(Database(_operators));
        using var operatorCaller = new GrpcCaller(_operators.GrpcAddress, LedgerSurface.AdminToken);
        var adminsOnly = Methods.Where(method => CommandGrpcMethods.CommandAt(Path(method)) is { } command && AccessRoles.Of(command.AllowedRoles).SequenceEqual([AccessRoles.Admin])).ToList();
        var failures = new List<string>();

        foreach (var method in adminsOnly)
        {
            failures.AddRange(Refusal(method, "as an operator", await CallAsync(operatorCaller, method), StatusCode.PermissionDenied, "FORBIDDEN"));
        }

        Assert.NotEmpty(adminsOnly);
        Assert.Empty(failures);
        Assert.Equal(books, await Books.FingerprintAsync(Database(_operators)));
    }

    [Fact]
    public async Task The_right_credential_is_admitted_everywhere_and_no_call_fails_inside()
    {
        using var admin = new GrpcCaller(_admins.GrpcAddress, LedgerSurface.AdminToken);
        using var operatorCaller = new GrpcCaller(_operators.GrpcAddress, LedgerSurface.AdminToken);
        var failures = new List<string>();

        foreach (var method in Methods)
        {
            var asAdmin = await CallAsync(admin, method);
            if (asAdmin.Code is StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Internal or StatusCode.Unknown or StatusCode.Unimplemented)
            {
                failures.Add($"{Path(method)} as an admin answered {asAdmin.Code} {asAdmin.Message}");
            }

            if (CommandGrpcMethods.CommandAt(Path(method)) is not { } command || AccessRoles.Of(command.AllowedRoles).Contains(AccessRoles.Operator))
            {
                var asOperator = await CallAsync(operatorCaller, method);
                if (asOperator.Code is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
                {
                    failures.Add($"{Path(method)} refused an operator ({asOperator.Code})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Health_and_reflection_answer_without_a_credential()
    {
        using var anonymous = new GrpcCaller(_admins.GrpcAddress);

        var health = await anonymous.CallAsync("/grpc.health.v1.Health/Check", new global::Grpc.Health.V1.HealthCheckRequest());

        Assert.Equal(StatusCode.OK, health.Code);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Single(global::Grpc.Health.V1.HealthCheckResponse.Parser).Status);
    }

    private static ServiceDescriptor Service(string fullName) =>
        CommandGrpcMethods.Services
            .Append(Api.Grpc.WalletCore.Contracts.WalletReads.Descriptor)
            .Append(Api.Grpc.Contracts.LedgerReads.Descriptor)
            .Single(service => service.FullName == fullName);

    private static string Path(MethodDescriptor method) => CommandGrpcMethods.PathOf(method);

    /// <summary>An empty request of the method's type, under a fresh key and a deadline (a stream that was admitted ends there).</summary>
    private static Task<GrpcReply> CallAsync(GrpcCaller caller, MethodDescriptor method) =>
        caller.CallAsync(
            Path(method),
            method.InputType.Parser.ParseFrom(ByteString.Empty),
            new Dictionary<string, string> { ["idempotency-key"] = WalletGrpc.NewKey(), ["grpc-timeout"] = "5S" });

    private static IEnumerable<string> Refusal(MethodDescriptor method, string how, GrpcReply reply, StatusCode expected, string reason)
    {
        if (reply.Code != expected)
        {
            yield return $"{Path(method)} {how} answered {reply.Code} {reply.Message}";
        }
        else if (reply.ErrorInfo is not { Domain: GrpcErrorMapping.Domain } info || info.Reason != reason)
        {
            yield return $"{Path(method)} {how} carried no ErrorInfo {reason}";
        }
    }

    private static NpgsqlDataSource Database(GrpcApi api) => api.Services.GetRequiredService<NpgsqlDataSource>();
}
