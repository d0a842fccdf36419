namespace Community.Web.Features.Drafts;

/// <summary>
/// What a person has typed into a composer and not yet sent, kept on the server so it follows them to another device.
/// One per person and place: <c>ask</c>, <c>ask-{hub}</c>, <c>answer-{thread}</c>, <c>edit-{post}</c>.
/// </summary>
public sealed class Draft
{
    public const int MaxKeyLength = 80;

    public required string UserId { get; init; }
    public required string Key { get; init; }
    public string? Title { get; set; }
    public string Body { get; set; } = "";
    public string? Tags { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
