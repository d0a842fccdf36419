using System.Globalization;
using System.Security.Claims;
using Community.Domain.Escalation;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Escalations;

/// <summary>The helpdesk's side: /api/v1/escalations, authenticated by a scoped API key in X-Api-Key.</summary>
public static class EscalationsApi
{
    public sealed record StatusDto(string? Status, string? TicketRef, string? Answer);

    public static void MapEscalationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/escalations").WithTags("Escalations (helpdesk API key)").DisableAntiforgery()
            .RequireRateLimiting(Infrastructure.Security.RateLimitPolicies.Api);

        api.MapGet("", async (string? status, IMediator m, CancellationToken ct) =>
        {
            EscalationStatus? filter = null;
            if (!string.IsNullOrEmpty(status))
            {
                if (!Enum.TryParse<EscalationStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Use escalated, acknowledged or resolved."] });
                filter = parsed;
            }
            return Results.Ok(await m.Send(new EscalationList.Query(filter), ct));
        }).RequireAuthorization(HelpdeskKey.ReadScope);

        api.MapGet("/{id:int}", async (int id, IMediator m, CancellationToken ct) =>
            (await m.Send(new EscalationList.Query(null, id), ct)).FirstOrDefault() is { } row
                ? Results.Ok(row)
                : Results.Problem(statusCode: 404, title: "Not found", detail: $"Escalation {id} does not exist."))
            .RequireAuthorization(HelpdeskKey.ReadScope);

        api.MapPut("/{id:int}/status", async (int id, StatusDto dto, ClaimsPrincipal key, IMediator m, CancellationToken ct) =>
        {
            var keyId = int.Parse(key.FindFirstValue(HelpdeskKeyFormat.KeyIdClaim)!, CultureInfo.InvariantCulture);
            return Results.Ok(await m.Send(new UpdateEscalation.Command(id, UpdateEscalation.Command.ParseStatus(dto.Status), dto.TicketRef, dto.Answer, keyId), ct));
        }).RequireAuthorization(HelpdeskKey.WriteScope);
    }
}
