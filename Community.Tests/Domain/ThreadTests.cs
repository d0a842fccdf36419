using Community.Domain;
using Community.Domain.Threads;

namespace Community.Tests.Domain;

public class ThreadTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static (ForumThread Thread, Post Question, Post Answer) Asked()
    {
        var thread = ForumThread.Start(1, "Akku leer nach Update", ["akku"], "asker", Now);
        Saved.As(thread, 7);
        var question = Post.Write(7, "asker", true, "q", "<p>q</p>", "q", Now);
        Saved.As(question, 1);
        var answer = thread.Answer("helper", "a", "<p>a</p>", "a", Now.AddMinutes(5));
        Saved.As(answer, 2);
        return (thread, question, answer);
    }

    [Theory]
    [InlineData("asker", false, true)]
    [InlineData("someone", true, true)]
    [InlineData("someone", false, false)]
    [InlineData("helper", false, false)]
    public void Only_the_asker_or_a_moderator_may_mark_the_solution(string userId, bool isModerator, bool allowed)
    {
        var (thread, _, answer) = Asked();
        if (allowed)
        {
            thread.MarkSolution(answer, userId, isModerator, Now);
            Assert.Equal(ThreadStatus.Solved, thread.Status);
            Assert.Equal(answer.Id, thread.AcceptedPostId);
        }
        else
        {
            Assert.Throws<ForbiddenException>(() => thread.MarkSolution(answer, userId, isModerator, Now));
            Assert.Equal(ThreadStatus.Open, thread.Status);
        }
    }

    [Fact]
    public void The_solution_can_be_changed_and_removed()
    {
        var (thread, _, first) = Asked();
        var second = thread.Answer("other", "b", "b", "b", Now);
        Saved.As(second, 3);
        thread.MarkSolution(first, "asker", false, Now);
        thread.MarkSolution(second, "asker", false, Now);
        Assert.Equal(3, thread.AcceptedPostId);
        thread.UnmarkSolution("asker", false);
        Assert.Null(thread.AcceptedPostId);
        Assert.Equal(ThreadStatus.Open, thread.Status);
    }

    [Fact]
    public void The_question_cannot_be_its_own_solution()
    {
        var (thread, question, _) = Asked();
        var e = Assert.Throws<DomainException>(() => thread.MarkSolution(question, "asker", false, Now));
        Assert.Contains("choose an answer", e.Message);
    }

    [Fact]
    public void An_answer_from_another_thread_cannot_be_the_solution()
    {
        var (thread, _, _) = Asked();
        var answer = Post.Write(99, "helper", false, "a", "<p>a</p>", "a", Now);
        Assert.Throws<DomainException>(() => thread.MarkSolution(answer, "asker", false, Now));
    }

    [Fact]
    public void Answering_counts_and_moves_the_thread_up()
    {
        var (thread, _, _) = Asked();
        thread.Answer("x", "b", "b", "b", Now.AddHours(2));
        Assert.Equal(2, thread.AnswerCount);
        Assert.Equal(Now.AddHours(2), thread.LastActivityAt);
    }

    [Fact]
    public void A_locked_thread_takes_no_answers()
    {
        var (thread, _, _) = Asked();
        thread.Lock(true);
        Assert.Throws<DomainException>(() => thread.Answer("x", "b", "b", "b", Now));
    }

    [Fact]
    public void Renaming_updates_the_slug()
    {
        var (thread, _, _) = Asked();
        thread.Rename("  Neuer Titel für das Thema ");
        Assert.Equal("Neuer Titel für das Thema", thread.Title);
        Assert.Equal("neuer-titel-fuer-das-thema", thread.Slug);
    }

    [Theory]
    [InlineData("helper", false, true)]
    [InlineData("moderator", true, true)]
    [InlineData("asker", false, false)]
    public void Posts_are_edited_by_their_author_or_a_moderator_and_keep_the_old_text(string editor, bool isModerator, bool allowed)
    {
        var (_, _, answer) = Asked();
        if (!allowed)
        {
            Assert.Throws<ForbiddenException>(() => answer.Edit("new", "new", "new", editor, isModerator, Now));
            Assert.Equal("a", answer.BodyMarkdown);
            return;
        }
        var revision = answer.Edit("new", "<p>new</p>", "new", editor, isModerator, Now.AddHours(1));
        Assert.Equal("a", revision.BodyMarkdown);
        Assert.Equal(editor, revision.EditorId);
        Assert.Equal("new", answer.BodyMarkdown);
        Assert.Equal(Now.AddHours(1), answer.EditedAt);
    }

    [Theory]
    [InlineData("helper", false, "own post")]
    [InlineData("asker", false, null)]
    [InlineData("asker", true, "hidden")]
    public void Kudos_are_never_given_to_ones_own_or_a_hidden_post(string giver, bool hidden, string? error)
    {
        var (_, _, answer) = Asked();
        if (hidden) answer.Hide();
        Assert.Equal(error is null, answer.CanGiveKudos(giver));
        if (error is null) answer.EnsureKudosAllowed(giver);
        else Assert.Contains(error, Assert.Throws<DomainException>(() => answer.EnsureKudosAllowed(giver)).Message);
    }
}

public class KudosRuleTests
{
    [Theory]
    [InlineData(null, "author", false, false)]
    [InlineData("author", "author", false, false)]
    [InlineData("reader", "author", true, false)]
    [InlineData("reader", "author", false, true)]
    public void Kudos_are_offered_to_someone_signed_in_who_is_not_the_author_on_a_visible_post(string? viewer, string author, bool hidden, bool offered) =>
        Assert.Equal(offered, Community.Domain.Threads.Post.CanGiveKudos(viewer, author, hidden));
}

/// <summary>Gives an entity the id the database would, as saving it does.</summary>
internal static class Saved
{
    public static void As<T>(T entity, int id) where T : class =>
        typeof(T).GetProperty("Id")!.SetValue(entity, id);
}
