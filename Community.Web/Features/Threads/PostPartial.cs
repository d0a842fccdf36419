namespace Community.Web.Features.Threads;

/// <param name="Refusal">Why the viewer's last action on this post was refused, shown next to its buttons (no dead-end error page).</param>
public sealed record PostPartial(ThreadView.Model Thread, ThreadView.PostView Post, string? ViewerId, bool CanMark, string Kind, string? Refusal = null);
