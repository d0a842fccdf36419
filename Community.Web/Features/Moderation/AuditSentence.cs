using System.Text.RegularExpressions;
using Community.Domain.Moderation;
using Community.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Moderation;

/// <summary>
/// An audit-log line as a sentence in the reader's language ("removed a post as spam", "escalated the thread to
/// support (priority High)"), never the action's code name. The stored detail is English for exports; its known
/// shapes are read back and translated here.
/// </summary>
public static partial class AuditSentence
{
    public static string For(IStringLocalizer<SharedResource> L, ModerationAction action, string detail)
    {
        string S(string template, params object[] args) => L[template, args].Value;
        return action switch
        {
            ModerationAction.HidePost => S("hid a post"),
            ModerationAction.UnhidePost => S("made a hidden post visible again"),
            ModerationAction.MarkSpam => S("removed a post as spam"),
            ModerationAction.LockThread => S("locked the thread"),
            ModerationAction.UnlockThread => S("unlocked the thread"),
            ModerationAction.MoveThread => S("moved the thread ({0})", detail),
            ModerationAction.EditPost => S("edited someone else's post"),
            ModerationAction.SuspendUser when Suspension().Match(detail) is { Success: true } m => S("suspended the account for {0} days (until {1} UTC)", m.Groups[1].Value, m.Groups[2].Value),
            ModerationAction.SuspendUser => S("suspended the account"),
            ModerationAction.UnsuspendUser => S("lifted the suspension"),
            ModerationAction.DismissFlags => S("dismissed the flags on a post"),
            ModerationAction.EscalateThread when Priority().Match(detail) is { Success: true } m => S("escalated the thread to support (priority: {0})", L[m.Groups[1].Value].Value),
            ModerationAction.EscalateThread => S("escalated the thread to support"),
            ModerationAction.AcknowledgeEscalation when Ticket().Match(detail) is { Success: true } m => S("acknowledged the escalation (ticket {0})", m.Groups[1].Value),
            ModerationAction.AcknowledgeEscalation => S("acknowledged the escalation"),
            ModerationAction.ResolveEscalation when Ticket().Match(detail) is { Success: true } m => S("resolved the escalation (ticket {0})", m.Groups[1].Value),
            ModerationAction.ResolveEscalation => S("resolved the escalation"),
            ModerationAction.RedactRevision => S("redacted an earlier version of a post"),
            ModerationAction.CreateHub => S("added the hub {0}", detail),
            ModerationAction.EditHub => S("changed the hub {0}", detail),
            _ => S("did something the log does not know ({0})", (int)action),
        };
    }

    [GeneratedRegex(@"^(\d+) days, until (.+) UTC$")]
    private static partial Regex Suspension();

    [GeneratedRegex(@"^priority (\w+)$")]
    private static partial Regex Priority();

    [GeneratedRegex(@"^ticket (.+)$")]
    private static partial Regex Ticket();
}
