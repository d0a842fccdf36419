using Community.Domain;
using Community.Domain.Escalation;

namespace Community.Tests.Domain;

public class EscalationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("", "Tell support what the customer needs")]
    [InlineData("   ", "Tell support what the customer needs")]
    public void An_escalation_needs_a_note(string note, string error) =>
        Assert.StartsWith(error, Assert.Throws<DomainException>(() => Escalation.Start(1, "mod", note, EscalationPriority.High, T0)).Message);

    [Fact]
    public void Escalated_then_acknowledged_then_resolved_keeps_every_time()
    {
        var e = Escalation.Start(1, "mod", "Router keeps rebooting, firmware reset did not help", EscalationPriority.High, T0.AddHours(30));
        Assert.Equal(EscalationStatus.Escalated, e.Status);
        e.OnSupportAnswer(T0.AddHours(31));
        e.OnSupportAnswer(T0.AddHours(40));
        e.Acknowledge("INC-4711", T0.AddHours(32));
        e.Acknowledge("INC-4712", T0.AddHours(33));
        Assert.Equal(("INC-4712", T0.AddHours(32)), (e.TicketRef, e.AcknowledgedAt));
        e.Resolve(null, T0.AddDays(3));
        Assert.Equal(EscalationStatus.Resolved, e.Status);

        var times = Escalation.Times(T0, T0.AddHours(2), e);
        Assert.Equal(TimeSpan.FromHours(2), times.ToFirstAnswer);
        Assert.Equal(TimeSpan.FromHours(30), times.ToEscalation);
        Assert.Equal(TimeSpan.FromHours(31), times.ToFirstSupportResponse);
        Assert.Equal(TimeSpan.FromDays(3), times.ToResolution);
        Assert.Throws<DomainException>(() => e.Acknowledge("x", T0));
        Assert.Throws<DomainException>(() => e.Resolve(null, T0));
    }

    [Fact]
    public void Acknowledging_needs_a_ticket_reference_and_resolving_may_come_first()
    {
        var e = Escalation.Start(1, "mod", "note", EscalationPriority.Normal, T0);
        Assert.Throws<DomainException>(() => e.Acknowledge(" ", T0));
        e.Resolve("INC-1", T0.AddHours(1));
        Assert.Equal(("INC-1", (DateTimeOffset?)null), (e.TicketRef, e.AcknowledgedAt));
    }

    [Theory]
    [InlineData(null, "–")]
    [InlineData(30.0, "< 1 min")]
    [InlineData(600.0, "10 min")]
    [InlineData(5400.0, "1.5 h")]
    [InlineData(259200.0, "3 days")]
    public void Times_read_like_a_person_would_say_them(double? seconds, string text) =>
        Assert.Equal(text, EscalationTimes.Format(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value)));
}
