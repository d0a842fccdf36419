namespace Community.Web.Features.Threads;

public sealed record PostPartial(ThreadView.Model Thread, ThreadView.PostView Post, string? ViewerId, bool CanMark, string Kind);
