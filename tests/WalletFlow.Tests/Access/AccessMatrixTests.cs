using System.Net;
using System.Text;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Console;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Access;

/// <summary>
/// The access matrix, generated from what the host actually maps (ASP.NET Core's endpoint data source), not from a
/// list kept by hand: every route declares a rule, only the named public routes admit anyone, and every other route
/// refuses a caller with no credential, a wrong one, or the wrong role, changing nothing. The table in docs/access.md
/// is generated from the same rules and must match them. The gRPC methods are endpoints too: they are listed here
/// (method <c>gRPC</c>) and probed over gRPC by <see cref="GrpcAccessMatrixTests"/>.
/// </summary>
public sealed class AccessMatrixTests(PostgresFixture postgres) : IAsyncLifetime
{
    /// <summary>The method a gRPC endpoint is listed under (every gRPC call is an HTTP/2 POST to its path).</summary>
    internal const string GrpcMethod = "gRPC";

    private const string DocsFile = "docs/access.md";
    private const string TableStart = "<!-- access-matrix:start -->";
    private const string TableEnd = "<!-- access-matrix:end -->";

    /// <summary>The public routes: probes, the contract partners generate clients from, and the console's way in.</summary>
    private static readonly string[] PublicRoutes =
    [
        "GET /health",
        "GET /alive",
        "GET /openapi/{documentName}.json",
        "GET /ops/login",
        // Razor components map a POST beside every page's GET (for forms); the sign-in page has none, so it only renders.
        "POST /ops/login",
        "POST /ops/auth/sign-in",
        "POST /ops/auth/sign-out",
        // Starts Sign in with Google (its own anti-forgery check). Google's callback, /ops/signin-google, is no endpoint:
        // the Google handler answers it before routing, anonymous by nature (the state and correlation cookie guard it).
        "POST /ops/auth/google",
        // Payout providers' callbacks: no bearer, each verified by its provider's signature over the body (docs/payouts.md).
        "POST /webhooks/providers/{provider}",
        // gRPC: the health service and server reflection, which tools call before they hold any credential.
        "gRPC /grpc.health.v1.Health/Check",
        "gRPC /grpc.health.v1.Health/Watch",
        "gRPC /grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        "gRPC /grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
    ];

    private ApiFactory _admins = null!;
    private ApiFactory _operators = null!;
    private IReadOnlyList<Route> _routes = null!;

    public async ValueTask InitializeAsync()
    {
        // Every route the API can serve: the ledger surface's writes, the Orleans dashboard and Sign in with Google included.
        var settings = new Dictionary<string, string>(LedgerSurface.Settings) { [OrleansDashboardSetting.Name] = "true" };
        foreach (var (key, value) in FakeGoogle.Settings)
        {
            settings[key] = value;
        }

        _admins = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(AccessMatrixTests), settings);
        _operators = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(AccessMatrixTests) + "_operators", settings,
            services => services.AddSingleton<IClaimsTransformation, OperatorsOnly>());
        _routes = await RoutesAsync(_admins.Services);
    }

    public async ValueTask DisposeAsync()
    {
        await _admins.DisposeAsync();
        await _operators.DisposeAsync();
    }

    [Fact]
    public void Every_route_declares_a_rule_and_only_the_named_public_routes_admit_anyone()
    {
        Assert.True(_routes.Count > 40, $"only {_routes.Count} routes were found: the enumeration is broken");
        Assert.Empty(_routes.Where(route => route.Rule is null && !route.IsPublic).Select(route => route.Name));
        Assert.Equal(PublicRoutes.Order(), _routes.Where(route => route.IsPublic).Select(route => route.Name).Order());
    }

    [Fact]
    public async Task Calls_without_a_credential_or_with_a_wrong_token_are_refused_everywhere_and_change_nothing()
    {
        var books = await Books.FingerprintAsync(Database(_admins));
        using var anonymous = _admins.CreateClient(new() { AllowAutoRedirect = false });
        using var wrong = _admins.CreateClient(new() { AllowAutoRedirect = false });
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", "not-" + LedgerSurface.AdminToken);
        var failures = new List<string>();

        foreach (var route in _routes.Where(route => !route.IsPublic && !route.IsGrpc))
        {
            using var withoutCredential = await route.CallAsync(anonymous);
            using var withWrongToken = await route.CallAsync(wrong);
            if (!IsChallenge(withoutCredential))
            {
                failures.Add($"{route.Name} without a credential answered {(int)withoutCredential.StatusCode}");
            }

            if (withWrongToken.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route.Name} with a wrong token answered {(int)withWrongToken.StatusCode}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(books, await Books.FingerprintAsync(Database(_admins)));
    }

    [Fact]
    public async Task The_public_routes_answer_anyone_without_a_server_error_and_change_nothing()
    {
        var books = await Books.FingerprintAsync(Database(_admins));
        using var anonymous = _admins.CreateClient(new() { AllowAutoRedirect = false });
        var failures = new List<string>();

        foreach (var route in _routes.Where(route => route.IsPublic && !route.IsGrpc))
        {
            using var response = await route.CallAsync(anonymous);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route.Name} answered {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(books, await Books.FingerprintAsync(Database(_admins)));
    }

    [Fact]
    public async Task An_operator_is_refused_where_only_admins_may_call_and_changes_nothing()
    {
        var books = await Books.FingerprintAsync(Database(_operators));
        using var client = _operators.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", LedgerSurface.AdminToken);
        var failures = new List<string>();

        foreach (var route in _routes.Where(route => route.Rule is { AdminsOnly: true } && !route.IsGrpc))
        {
            using var response = await route.CallAsync(client);
            if (!IsRoleRefusal(response))
            {
                failures.Add($"{route.Name} admitted an operator ({(int)response.StatusCode})");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(books, await Books.FingerprintAsync(Database(_operators)));
    }

    [Fact]
    public async Task The_right_credential_is_admitted_everywhere()
    {
        using var admin = _admins.CreateBearerClient(LedgerSurface.AdminToken);
        using var operatorClient = _operators.CreateBearerClient(LedgerSurface.AdminToken);
        var failures = new List<string>();

        foreach (var route in _routes.Where(route => !route.IsPublic && !route.IsGrpc))
        {
            using var asAdmin = await route.CallAsync(admin);
            if (IsChallenge(asAdmin) || IsRoleRefusal(asAdmin))
            {
                failures.Add($"{route.Name} refused an admin ({(int)asAdmin.StatusCode})");
            }

            if (route.Rule is { AdminsOnly: false })
            {
                using var asOperator = await route.CallAsync(operatorClient);
                if (IsChallenge(asOperator) || IsRoleRefusal(asOperator))
                {
                    failures.Add($"{route.Name} refused an operator ({(int)asOperator.StatusCode})");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void The_access_table_in_the_docs_is_the_one_the_rules_make()
    {
        var table = Table(_routes);
        var path = Path.Combine(RepositoryPaths.Root, DocsFile);
        var text = File.ReadAllText(path);
        var start = text.IndexOf(TableStart, StringComparison.Ordinal);
        var end = text.IndexOf(TableEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{DocsFile} has no {TableStart} … {TableEnd} section");
        var current = text[(start + TableStart.Length)..end].Trim();
        if (Environment.GetEnvironmentVariable("WALLETFLOW_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..(start + TableStart.Length)] + "\n" + table + "\n" + text[end..]);
            return;
        }

        Assert.True(current == table, $"{DocsFile} is out of date. Regenerate it: WALLETFLOW_WRITE_DOCS=1 dotnet test tests/WalletFlow.Tests --filter \"FullyQualifiedName~AccessMatrixTests\"\n{table}");
    }

    private static NpgsqlDataSource Database(ApiFactory api) => api.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>A refusal for want of a credential: 401, or the console's redirect to its sign-in page.</summary>
    private static bool IsChallenge(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == "/ops/login");

    /// <summary>A refusal of the credential's role: 403, or the console's redirect to its access-denied page.</summary>
    private static bool IsRoleRefusal(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == "/ops/denied");

    private static string Table(IReadOnlyList<Route> routes)
    {
        var text = new StringBuilder();
        text.AppendLine("| route | who may call | credential |");
        text.Append("|---|---|---|");
        foreach (var route in routes.OrderBy(route => route.Pattern, StringComparer.Ordinal).ThenBy(route => route.Method, StringComparer.Ordinal))
        {
            var (who, credential) = route.IsPublic ? ("anyone", "none") : (route.Rule!.Who, route.Rule.Credential);
            text.Append('\n').Append($"| `{route.Name}` | {who} | {credential} |");
        }

        return text.ToString();
    }

    internal static async Task<IReadOnlyList<Route>> RoutesAsync(IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var routes = new List<Route>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorizeData = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var inline = endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>();
            var policy = authorizeData.Count + inline.Count == 0 ? null : await AuthorizationPolicy.CombineAsync(policies, authorizeData, inline);
            if (endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
            {
                routes.Add(new Route(GrpcMethod, RoutePatternFactory.Parse($"/{grpc.Method.ServiceName}/{grpc.Method.Name}"), isPublic, policy is null ? null : Rule.Of(policy)));
                continue;
            }

            if (endpoint.Metadata.GetMetadata<IHostMetadata>() is { Hosts.Count: > 0 })
            {
                // Grpc.AspNetCore's catch-all for a service's unknown methods: it carries the service's rule and serves
                // nothing but UNIMPLEMENTED, so it is not a method of the table.
                continue;
            }

            // An endpoint that answers every method (the health checks) is probed, and listed, as a GET.
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
            {
                routes.Add(new Route(method, endpoint.RoutePattern, isPublic, policy is null ? null : Rule.Of(policy)));
            }
        }

        return routes;
    }

    /// <summary>What a route's effective policy requires: the roles it admits, and the credentials it accepts.</summary>
    internal sealed record Rule(IReadOnlyList<string> Roles, IReadOnlyList<string> Schemes)
    {
        public bool AdminsOnly => Roles.SequenceEqual(["admin"]);

        public string Who => Roles.Count == 0 ? "any signed-in caller" : string.Join(", ", Roles);

        public string Credential => Schemes.Count == 0 ? "console session or bearer" : string.Join(", ", Schemes);

        /// <summary>Every role requirement must be met, so the roles admitted are those all of them admit.</summary>
        public static Rule Of(AuthorizationPolicy policy)
        {
            var roles = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                .Select(requirement => requirement.AllowedRoles)
                .Aggregate((IEnumerable<string>?)null, (admitted, allowed) => admitted is null ? allowed : admitted.Intersect(allowed));
            return new([.. (roles ?? []).Distinct().Order()], [.. policy.AuthenticationSchemes.Order()]);
        }
    }

    internal sealed record Route(string Method, RoutePattern RoutePattern, bool IsPublic, Rule? Rule)
    {
        public bool IsGrpc => Method == GrpcMethod;

        public string Pattern => "/" + RoutePattern.RawText!.Trim('/');

        public string Name => $"{Method} {Pattern}";

        public async Task<HttpResponseMessage> CallAsync(HttpClient client)
        {
            using var request = new HttpRequestMessage(new HttpMethod(Method), Url());
            if (Method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            // Who may call is decided before the body: a route that streams (the Orleans dashboard's log) is judged by its
            // status, and disposing the response ends the stream.
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        }

        /// <summary>The pattern with a sample for each parameter: what the value is does not matter to who may call.</summary>
        private string Url()
        {
            var url = new StringBuilder();
            foreach (var segment in RoutePattern.PathSegments)
            {
                url.Append('/');
                foreach (var part in segment.Parts)
                {
                    url.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart { Name: "ledger" } => "main",
                        RoutePatternParameterPart { Name: "documentName" } => "v1",
                        RoutePatternParameterPart parameter when parameter.Name.Equals("id", StringComparison.OrdinalIgnoreCase) => "1",
                        // A value the route's constraint refuses would miss the endpoint and probe nothing.
                        RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(policy => policy.Content == "int") => "1",
                        RoutePatternParameterPart parameter => "sample-" + parameter.Name.ToLowerInvariant(),
                        _ => throw new InvalidOperationException($"Unexpected route part in {Pattern}."),
                    });
                }
            }

            return url.ToString();
        }
    }
}
