using Community.Domain.Following;
using Community.Domain.Notifications;
using Community.Domain.Threads;
using Community.Domain.Uploads;

namespace Community.Tests.Domain;

public class FollowingRulesTests
{
    private static readonly HashSet<string> Nobody = [];

    [Fact]
    public void The_asker_hears_of_an_answer_watchers_hear_a_watched_reply_and_the_author_hears_nothing()
    {
        Assert.Equal([new Listener("asker", NotificationKind.Answer)], Audience.OfNewAnswer("helper", "asker", null, Nobody));
        Assert.Empty(Audience.OfNewAnswer("asker", "asker", WatchLevel.Watching, Nobody));
        Assert.Equal([new Listener("watcher", NotificationKind.WatchedReply)], Audience.OfThreadWatchers("helper", "asker", ["watcher", "helper", "asker", "watcher"], Nobody));
        // Someone mentioned in the answer gets the mention only.
        Assert.Empty(Audience.OfNewAnswer("helper", "asker", null, new HashSet<string> { "asker" }));
        Assert.Empty(Audience.OfThreadWatchers("helper", "asker", ["watcher"], new HashSet<string> { "watcher" }));
    }

    [Fact]
    public void Muting_silences_the_thread_for_the_asker_and_beats_watching_its_hub()
    {
        Assert.Empty(Audience.OfNewAnswer("helper", "asker", WatchLevel.Muted, Nobody));
        var hub = Audience.OfHubFollowers(newThread: false, "helper", "asker",
            [new HubFollower("fan", WatchLevel.Watching, WatchedHubPosts.Notify), new HubFollower("other", WatchLevel.Watching, WatchedHubPosts.Notify)],
            withThreadChoice: new HashSet<string> { "asker", "fan" }, Nobody);
        Assert.Equal([new Listener("other", NotificationKind.WatchedReply)], hub);
    }

    [Fact]
    public void Hub_followers_get_what_they_chose_and_someone_mentioned_gets_only_the_mention()
    {
        HubFollower[] followers =
        [
            new("notify", WatchLevel.Watching, WatchedHubPosts.Notify), new("digest", WatchLevel.Watching, WatchedHubPosts.Digest),
            new("off", WatchLevel.Watching, WatchedHubPosts.Off), new("muted", WatchLevel.Muted, WatchedHubPosts.Notify), new("mentioned", WatchLevel.Watching, WatchedHubPosts.Notify),
            new("asker", WatchLevel.Watching, WatchedHubPosts.Notify),
        ];
        var heard = Audience.OfHubFollowers(newThread: true, "asker", "asker", followers, Nobody, new HashSet<string> { "mentioned" });
        Assert.Equal([new Listener("notify", NotificationKind.WatchedThread), new Listener("digest", NotificationKind.WatchedThread, Quiet: true)], heard);
        // An answer by "notify": not to its author, not to the asker (told with the answer), the rest as chosen.
        var answer = Audience.OfHubFollowers(newThread: false, "notify", "asker", followers, Nobody, new HashSet<string> { "mentioned" });
        Assert.Equal([new Listener("digest", NotificationKind.WatchedReply, Quiet: true)], answer);
    }

    [Fact]
    public void A_mention_tells_each_person_once_never_the_author_and_not_on_locked_threads_or_hidden_posts()
    {
        Assert.Equal(["a", "b"], MentionRules.WhoToTell(["a", "author", "b", "a"], "author", Nobody, threadLocked: false, postHidden: false));
        Assert.Equal(["b"], MentionRules.WhoToTell(["a", "b"], "author", new HashSet<string> { "a" }, false, false));
        Assert.Empty(MentionRules.WhoToTell(["a"], "author", Nobody, threadLocked: true, postHidden: false));
        Assert.Empty(MentionRules.WhoToTell(["a"], "author", Nobody, threadLocked: false, postHidden: true));
        var many = Enumerable.Range(0, 30).Select(i => "p" + i).ToList();
        Assert.Equal(MentionRules.MaxPerPost, MentionRules.WhoToTell(many, "author", Nobody, false, false).Count);
        // The limit counts those told by earlier versions of the post too.
        Assert.Equal(MentionRules.MaxPerPost - 8, MentionRules.WhoToTell(many, "author", many.Skip(20).Take(8).ToHashSet(), false, false).Count);
        Assert.True(Audience.HearsMentions(null));
        Assert.False(Audience.HearsMentions(WatchLevel.Muted));
    }

    [Theory]
    [InlineData(null, 10, 10, 100, "not a PNG")]
    [InlineData(ImageFormat.Png, 10, 10, 0, "empty")]
    [InlineData(ImageFormat.Png, 10, 10, 9_000_000, "too large")]
    [InlineData(ImageFormat.Png, 20_000, 20_000, 500, "20000 × 20000")]
    [InlineData(ImageFormat.Jpeg, 6000, 5000, 500, "6000 × 5000")]
    [InlineData(ImageFormat.Webp, 6000, 4000, 500, null)]
    public void An_image_is_refused_by_what_the_decoder_read(ImageFormat? format, int width, int height, long bytes, string? refusal)
    {
        var message = ImageRules.Refusal(format, width, height, bytes, new UploadOptions());
        if (refusal is null) Assert.Null(message);
        else Assert.Contains(refusal, message!.Text);
    }

    [Fact]
    public void Quota_thumbnail_size_and_stored_format()
    {
        var options = new UploadOptions { DailyCount = 3, DailyQuotaBytes = 1000 };
        Assert.Null(ImageRules.QuotaRefusal(500, 2, 500, options));
        Assert.Contains("quota", ImageRules.QuotaRefusal(600, 1, 500, options)!.Text);
        Assert.Contains("3 images", ImageRules.QuotaRefusal(0, 3, 1, options)!.Text);
        Assert.Equal((800, 450), ImageRules.ThumbnailSize(1600, 900, 800));
        Assert.Equal((300, 200), ImageRules.ThumbnailSize(300, 200, 800));
        Assert.Equal(ImageFormat.Png, ImageRules.StoredAs(ImageFormat.Gif));
        Assert.Equal(ImageFormat.Jpeg, ImageRules.StoredAs(ImageFormat.Jpeg));
    }

    [Theory]
    [InlineData("de", "Contracts & Billing", "Verträge & Rechnungen", "Verträge & Rechnungen")]
    [InlineData("en", "Contracts & Billing", "Verträge & Rechnungen", "Contracts & Billing")]
    [InlineData("de", "TV", null, "TV")]
    [InlineData("en", "", "Nur Deutsch", "Nur Deutsch")]
    public void A_hub_name_is_in_the_readers_language_falling_back_to_the_other(string language, string english, string? german, string shown) =>
        Assert.Equal(shown, HubText.In(language, english, german));

    [Theory]
    [InlineData("max.expert", "ME")]
    [InlineData("anna", "AN")]
    [InlineData("x", "X")]
    [InlineData("sam_support", "SS")]
    public void Initials_for_a_generated_avatar(string name, string initials) =>
        Assert.Equal(initials, Community.Web.Features.Users.Avatars.Initials(name));
}
