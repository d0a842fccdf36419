namespace Community.Web.Features.Hubs;

public sealed record HubNode(int Id, int? ParentId, string Slug, string Name, string Description, int ThreadCount, int SolvedCount);
