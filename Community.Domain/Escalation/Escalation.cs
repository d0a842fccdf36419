using System.Globalization;

namespace Community.Domain.Escalation;

public enum EscalationStatus
{
    Escalated = 0,
    Acknowledged = 1,
    Resolved = 2,
}

public enum EscalationPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}

/// <summary>
/// A thread the community could not solve, handed to support. Escalated → Acknowledged (ticket reference) → Resolved;
/// it can be resolved straight away. One open escalation per thread; a resolved thread can be escalated again.
/// </summary>
public class Escalation
{
    public const int MaxNoteLength = 2000;
    public const int MaxTicketRefLength = 100;

    public int Id { get; set; }
    public int ThreadId { get; set; }
    public required string EscalatedById { get; set; }
    public string Note { get; set; } = "";
    public EscalationPriority Priority { get; set; }
    public EscalationStatus Status { get; set; }
    public string? TicketRef { get; set; }
    public DateTimeOffset EscalatedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? FirstSupportResponseAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    public bool IsOpen => Status != EscalationStatus.Resolved;

    public static Escalation Start(int threadId, string moderatorId, string? note, EscalationPriority priority, DateTimeOffset now)
    {
        var n = note?.Trim() ?? "";
        if (n.Length == 0) throw new DomainException("Tell support what the customer needs and what was tried.");
        if (n.Length > MaxNoteLength) throw new DomainException(UiMessage.Saying("The note must be at most {0} characters long.", MaxNoteLength));
        if (!Enum.IsDefined(priority)) throw new DomainException("Choose a priority.");
        return new Escalation { ThreadId = threadId, EscalatedById = moderatorId, Note = n, Priority = priority, Status = EscalationStatus.Escalated, EscalatedAt = now };
    }

    public void Acknowledge(string? ticketRef, DateTimeOffset now)
    {
        var t = ticketRef?.Trim() ?? "";
        if (t.Length == 0) throw new DomainException("Give the helpdesk's ticket reference.");
        if (t.Length > MaxTicketRefLength) throw new DomainException(UiMessage.Saying("The ticket reference must be at most {0} characters long.", MaxTicketRefLength));
        if (Status == EscalationStatus.Resolved) throw new DomainException("The escalation is already resolved.");
        TicketRef = t;
        AcknowledgedAt ??= now;
        Status = EscalationStatus.Acknowledged;
    }

    public void Resolve(string? ticketRef, DateTimeOffset now)
    {
        if (Status == EscalationStatus.Resolved) throw new DomainException("The escalation is already resolved.");
        if (!string.IsNullOrWhiteSpace(ticketRef))
        {
            if (ticketRef.Trim().Length > MaxTicketRefLength) throw new DomainException(UiMessage.Saying("The ticket reference must be at most {0} characters long.", MaxTicketRefLength));
            TicketRef = ticketRef.Trim();
        }
        ResolvedAt = now;
        Status = EscalationStatus.Resolved;
    }

    /// <summary>Support answered on the thread; the first answer is the first support response.</summary>
    public void OnSupportAnswer(DateTimeOffset now) => FirstSupportResponseAt ??= now;

    /// <summary>The measured times: question to first answer, to escalation, to first support response, to resolution.</summary>
    public static EscalationTimes Times(DateTimeOffset asked, DateTimeOffset? firstAnswer, Escalation e) => new(
        firstAnswer - asked, e.EscalatedAt - asked, e.FirstSupportResponseAt - asked, e.ResolvedAt - asked);
}

public sealed record EscalationTimes(TimeSpan? ToFirstAnswer, TimeSpan ToEscalation, TimeSpan? ToFirstSupportResponse, TimeSpan? ToResolution)
{
    /// <summary>The step a duration is shown in: an English template ("{0} h", a UI may translate it) and its number.</summary>
    public static (string Template, string? Amount) Describe(TimeSpan? t) => t switch
    {
        null => ("–", null),
        { TotalMinutes: < 1 } => ("< 1 min", null),
        { TotalHours: < 1 } v => ("{0} min", ((int)v.TotalMinutes).ToString(CultureInfo.CurrentCulture)),
        { TotalDays: < 2 } v => ("{0} h", v.TotalHours.ToString("0.#", CultureInfo.CurrentCulture)),
        { } v => ("{0} days", v.TotalDays.ToString("0.#", CultureInfo.CurrentCulture)),
    };

    public static string Format(TimeSpan? t)
    {
        var (template, amount) = Describe(t);
        return amount is null ? template : string.Format(CultureInfo.CurrentCulture, template, amount);
    }
}
