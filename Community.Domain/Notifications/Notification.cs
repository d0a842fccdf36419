using System.Globalization;
using System.Text.Json;
using Community.Domain.Outbox;

namespace Community.Domain.Notifications;

public enum NotificationKind { Badge = 1, ExpertInvitation = 2, HeroOfTheMonth = 3, Moderation = 4, Answer = 5, Solution = 6, Escalation = 7, KudosMilestone = 8, Mention = 9, WatchedReply = 10, WatchedThread = 11 }

/// <summary>How a person wants notifications by email: each at once, one digest a day, or none (in-app only).</summary>
public enum MailPreference { Immediate = 0, DailyDigest = 1, Off = 2 }

/// <summary>
/// A mail waiting to be sent: written in the transaction that creates its notification (see Notifier), sent by the
/// mail dispatcher, retried while the SMTP server is down, so a mail problem never blocks or fails a request.
/// </summary>
public class OutgoingMail : OutboxDelivery
{
    private OutgoingMail()
    {
    }

    public OutgoingMail(DateTimeOffset now) : base(now, orderingKey: null)
    {
    }

    public string? UserId { get; init; }
    public required string ToAddress { get; init; }
    public required string Subject { get; init; }
    public required string HtmlBody { get; init; }
    public string? UnsubscribeUrl { get; init; }
}

/// <summary>Kudos counts on a post worth telling its author about.</summary>
public static class KudosMilestones
{
    public static readonly int[] Counts = [10, 25, 50, 100, 250, 500, 1000];

    public static bool IsMilestone(int count) => Counts.Contains(count);
}

/// <summary>
/// An entry in a person's in-app notification list. Its words are kept as an English template with arguments, so each
/// reader (and each mail) gets it in their own language; <see cref="Text"/> is the English rendering for exports and old rows.
/// </summary>
public class Notification
{
    public const int MaxTextLength = 500;

    public long Id { get; set; }
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public string Text { get; set; } = "";
    /// <summary>English with {0}, {1} placeholders; the key of its translations.</summary>
    public string? Template { get; set; }
    /// <summary>JSON array: a string is shown as it is (a title, a name); {"ui": "…"} is itself a UI text to translate.</summary>
    public string? Arguments { get; set; }
    public required string Url { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>Who caused it (the person who answered), when a person did; null for the community's own notices.</summary>
    public string? ActorName { get; set; }
    /// <summary>How many events this entry stands for: further answers in the same thread join the unread entry ("3 new answers in …").</summary>
    public int GroupCount { get; set; } = 1;
    /// <summary>Waits for the daily digest instead of a mail at once (a watched hub set to "digest").</summary>
    public bool Quiet { get; set; }

    /// <summary>Sets the words: <c>Saying("Someone answered your question \"{0}\".", title)</c>.</summary>
    public Notification Saying(string template, params object[] arguments)
    {
        Template = template;
        Arguments = NotificationArguments.Write(arguments);
        Text = Shorten(UiMessage.English(template, arguments));
        return this;
    }

    public static string Shorten(string text) => text.Length > MaxTextLength ? text[..(MaxTextLength - 1)] + "…" : text;
}

public static class NotificationArguments
{
    public static string Write(IEnumerable<object> arguments) =>
        JsonSerializer.Serialize(arguments.Select(a => a switch
        {
            UiText t => (object)new Dictionary<string, string> { ["ui"] = t.English },
            UiTime at => new Dictionary<string, string> { ["at"] = at.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            string s => s,
            _ => throw new ArgumentException($"A notification argument is text, a number, a UiText or a UiTime, not {a.GetType().Name}."),
        }).ToList());

    /// <summary>The arguments as written; unreadable JSON gives null, and the caller falls back to the English text.</summary>
    public static IReadOnlyList<object>? Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return doc.RootElement.EnumerateArray().Select(e => e.ValueKind switch
            {
                JsonValueKind.Object when e.TryGetProperty("ui", out var ui) => (object)new UiText(ui.GetString() ?? ""),
                JsonValueKind.Object when e.TryGetProperty("at", out var at) && at.TryGetDateTimeOffset(out var moment) => new UiTime(moment),
                _ => e.ToString(),
            }).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not what Write writes (a hand-edited row): the stored English text is shown instead.
            return null;
        }
    }
}
