namespace Community.Web.Features.Threads;

public sealed record KudosResult(int PostId, int KudosCount, bool GivenByMe);
