using Community.Domain;
using Community.Domain.Moderation;
using Community.Domain.Reputation;
using Community.Domain.Threads;

namespace Community.Tests.Domain;

/// <summary>Rules that handlers used to enforce themselves, now asked of the domain.</summary>
public class MovedRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly EditPrivileges Member = new(MayEditOthers: false, IsModerator: false);
    private static readonly EditPrivileges Editor = new(MayEditOthers: true, IsModerator: false);
    private static readonly EditPrivileges Moderator = new(MayEditOthers: true, IsModerator: true);

    private static (ForumThread Thread, Post Question) Asked()
    {
        var thread = ForumThread.Start(1, "Router blinkt rot", [], "asker", Now);
        Saved.As(thread, 7);
        var question = Post.Write(7, "asker", true, "old text", "<p>old text</p>", "old text", Now);
        Saved.As(question, 1);
        return (thread, question);
    }

    private static PostEdit Edit(string text, string? title = null, string? reason = null) => new(text, $"<p>{text}</p>", text, title, reason);

    [Fact]
    public void An_edit_that_changes_nothing_leaves_no_revision()
    {
        var (thread, question) = Asked();
        Assert.Null(question.EditBy("asker", Edit("old text", title: thread.Title), Member, thread.Title, Now));
        Assert.Null(question.EditedAt);
    }

    [Fact]
    public void A_renamed_question_keeps_its_old_title_in_the_revision()
    {
        var (thread, question) = Asked();
        var revision = question.EditBy("asker", Edit("old text", title: "Router blinkt orange"), Member, thread.Title, Now)!;
        Assert.Equal(("Router blinkt rot", "old text", ""), (revision.Title, revision.BodyMarkdown, revision.Reason));
    }

    [Fact]
    public void Someone_elses_post_needs_the_edit_privilege_and_a_moderator_gives_a_reason()
    {
        var (thread, question) = Asked();
        Assert.Throws<ForbiddenException>(() => question.EditBy("someone", Edit("new"), Member, thread.Title, Now));
        Assert.True(question.EditNeedsReason("mod", isModerator: true));
        Assert.False(question.EditNeedsReason("asker", isModerator: true));
        Assert.Equal(Post.EditReasonMissing, Assert.Throws<DomainException>(() => question.EditBy("mod", Edit("new"), Moderator, thread.Title, Now)).Refusal);

        var byEditor = question.EditBy("editor", Edit("better"), Editor, thread.Title, Now)!;
        Assert.Equal(("old text", ""), (byEditor.BodyMarkdown, byEditor.Reason));
        var byModerator = question.EditBy("mod", Edit("best", reason: " phone number removed "), Moderator, thread.Title, Now.AddMinutes(1))!;
        Assert.Equal(("better", "phone number removed"), (byModerator.BodyMarkdown, byModerator.Reason));
        Assert.Equal("best", question.BodyMarkdown);
    }

    [Fact]
    public void A_support_answer_is_official_and_the_asker_hears_of_answers_by_others_only()
    {
        var (thread, _) = Asked();
        Assert.True(thread.Answer("agent", "a", "<p>a</p>", "a", Now, bySupport: true).IsOfficial);
        Assert.False(thread.Answer("helper", "b", "<p>b</p>", "b", Now).IsOfficial);
        Assert.Equal("asker", thread.WhoHearsOfAnswerBy("helper"));
        Assert.Null(thread.WhoHearsOfAnswerBy("asker"));
        Assert.Equal(2, thread.AnswerCount);
    }

    [Fact]
    public void An_unanswered_thread_is_offered_to_the_experts_once()
    {
        var (thread, _) = Asked();
        thread.OfferToExperts(Now);
        Assert.Equal(Now, thread.OfferedToExpertsAt);
        Assert.Throws<DomainException>(() => thread.OfferToExperts(Now.AddHours(1)));
    }

    [Fact]
    public void Only_the_asker_or_a_moderator_invites_experts_and_only_while_the_question_is_open()
    {
        var (thread, _) = Asked();
        Assert.Throws<ForbiddenException>(() => thread.EnsureExpertsMayBeInvitedBy("someone", isModerator: false));
        thread.EnsureExpertsMayBeInvitedBy("asker", isModerator: false);
        thread.EnsureExpertsMayBeInvitedBy("mod", isModerator: true);
        var answer = thread.Answer("helper", "a", "<p>a</p>", "a", Now);
        Saved.As(answer, 2);
        thread.MarkSolution(answer, "asker", false, Now);
        Assert.Contains("already solved", Assert.Throws<DomainException>(() => thread.EnsureExpertsMayBeInvitedBy("asker", false)).Message);
    }

    [Theory]
    [InlineData(0, "Choose at least one expert to invite.")]
    [InlineData(3, null)]
    [InlineData(4, "Invite at most 3 experts to a thread.")]
    public void An_invitation_names_one_to_three_experts(int chosen, string? error) =>
        Assert.Equal(error, ExpertInvitationRules.CheckChoice(chosen)?.Text);

    [Fact]
    public void Invitations_are_limited_per_thread_per_sender_and_per_expert()
    {
        Assert.Null(ExpertInvitationRules.CheckThreadLimit(alreadyInvited: 1, adding: 2));
        Assert.Equal("A thread can invite at most 3 experts; 2 already invited.", ExpertInvitationRules.CheckThreadLimit(2, 2)?.Text);
        ExpertInvitationRules.EnsureDailyLimits(sentToday: 9, adding: 1, isModerator: false, busyExperts: []);
        Assert.Contains("at most 10", Assert.Throws<DomainException>(() => ExpertInvitationRules.EnsureDailyLimits(9, 2, false, [])).Message);
        ExpertInvitationRules.EnsureDailyLimits(50, 3, isModerator: true, busyExperts: []);
        Assert.Equal("max.expert already got 5 invitations today; please choose someone else.",
            Assert.Throws<DomainException>(() => ExpertInvitationRules.EnsureDailyLimits(0, 1, true, ["max.expert"])).Message);
        Assert.Equal(0, ExpertInvitationRules.RoomForOffers(4));
        Assert.Equal(2, ExpertInvitationRules.RoomForOffers(1));
    }

    [Fact]
    public void A_new_account_gives_kudos_after_the_waiting_time_a_moderator_at_once()
    {
        var joined = Now.AddMinutes(-9);
        Assert.Equal("New accounts can give kudos 10 minutes after registering – 1 minute left.",
            Assert.Throws<ForbiddenException>(() => Kudos.EnsureAccountOldEnough(joined, Now, TimeSpan.FromMinutes(10), isModerator: false)).Message);
        Assert.Equal("New accounts can give kudos 10 minutes after registering – 8 minutes left.",
            Assert.Throws<ForbiddenException>(() => Kudos.EnsureAccountOldEnough(Now.AddMinutes(-2).AddSeconds(-10), Now, TimeSpan.FromMinutes(10), isModerator: false)).Message);
        Kudos.EnsureAccountOldEnough(joined, Now.AddMinutes(1), TimeSpan.FromMinutes(10), isModerator: false);
        Kudos.EnsureAccountOldEnough(joined, Now, TimeSpan.FromMinutes(10), isModerator: true);
    }

    [Fact]
    public void Moderators_suspend_members_but_not_themselves_or_staff()
    {
        ModerationRules.EnsureMaySuspend("mod", "member", targetIsStaff: false);
        Assert.Throws<DomainException>(() => ModerationRules.EnsureMaySuspend("mod", "mod", targetIsStaff: false));
        Assert.Throws<ForbiddenException>(() => ModerationRules.EnsureMaySuspend("mod", "admin", targetIsStaff: true));
    }
}
