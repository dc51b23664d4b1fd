using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using WalletFlow.Access;
using WalletFlow.Application.ChartOfAccounts;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Console.Ledger;

/// <summary>
/// The loaded catalog over HTTP, beside the Ledger page: <c>Ledger Template.csv</c> and the drift check for operators;
/// the chart upload and the two rebuilds for admins by bearer only (scripts and first boot; the page's buttons call the
/// same use cases in its circuit, so no cookie-authenticated form post can change the catalog).
/// </summary>
internal static class ChartCatalogEndpoints
{
    public static void MapChartCatalogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(OpsPaths.LedgerTemplateCsv, async (ChartCatalog catalog, CancellationToken cancellationToken) =>
                Results.File(Encoding.UTF8.GetBytes(await catalog.LedgerTemplateCsvAsync(cancellationToken)), "text/csv; charset=utf-8", LedgerTemplateSheet.FileName))
            .RequireAuthorization(AccessPolicies.ConsoleOperator);
        endpoints.MapGet(OpsPaths.LedgerDrift, async (ChartCatalog catalog, CancellationToken cancellationToken) =>
                Results.Json(await catalog.DetectDriftAsync(cancellationToken), CommandJson.Options))
            .RequireAuthorization(AccessPolicies.ConsoleOperator);
        endpoints.MapPost(OpsPaths.RebuildChart, async (HttpContext context, RebuildFromBundle rebuild) =>
                Answer(await rebuild.RebuildChartAsync(context.User.ToCaller(), context.RequestAborted)))
            .RequireAuthorization(AccessPolicies.ApiAdmin);
        endpoints.MapPost(OpsPaths.RebuildTemplates, async (HttpContext context, RebuildFromBundle rebuild) =>
                Answer(await rebuild.RebuildTemplatesAsync(context.User.ToCaller(), context.RequestAborted)))
            .RequireAuthorization(AccessPolicies.ApiAdmin);
        endpoints.MapPost(OpsPaths.LedgerChartUpload, UploadAsync).RequireAuthorization(AccessPolicies.ApiAdmin).DisableAntiforgery();
    }

    /// <summary>A multipart form with one file per chart file, named as the files are without <c>.csv</c>; a file not sent is an empty one.</summary>
    private static async Task<IResult> UploadAsync(HttpContext context, IngestChart ingest)
    {
        if (!context.Request.HasFormContentType)
        {
            return Problem(Error.Validation($"Send the chart as multipart/form-data with the files {string.Join(", ", ChartFiles.Names)}."));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var files = new List<byte[]>();
        foreach (var name in ChartFiles.Names)
        {
            using var bytes = new MemoryStream();
            if (form.Files.GetFile(Path.GetFileNameWithoutExtension(name)) is { } file)
            {
                await file.CopyToAsync(bytes, context.RequestAborted);
            }

            files.Add(bytes.ToArray());
        }

        return Answer(await ingest.RunAsync(new IngestChartRequest(new ChartFiles(files[0], files[1], files[2])), context.User.ToCaller(), context.RequestAborted));
    }

    private static IResult Answer(Result<CatalogChange> result) =>
        result.TryGetValue(out var change, out var error) ? Results.Json(change, CommandJson.Options) : Problem(error);

    /// <summary>problem+json with the error's code and, for a refused upload, every problem (its column as <c>field</c>, its file and line in the message).</summary>
    private static IResult Problem(Error error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Details.Count > 0)
        {
            extensions["errors"] = error.Details.Select(detail => new { code = detail.Code, field = detail.Field, message = detail.Message }).ToList();
        }

        var status = error.Code == ErrorCodes.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return Results.Problem(detail: error.Message, statusCode: status, title: status == StatusCodes.Status403Forbidden ? "Forbidden" : "Invalid request", extensions: extensions);
    }
}
