namespace Community.Web.Features.Search;

/// <summary>A thread whose search document must be rewritten (written by database triggers, drained before commit).</summary>
public sealed class SearchPending
{
    public int ThreadId { get; set; }

    /// <summary>Its title or tags are new: their words join <see cref="SearchWord"/>.</summary>
    public bool TitleChanged { get; set; }
}

/// <summary>A word of some thread's title or tags, for "did you mean". Counts only grow; a suggestion is searched before it is offered.</summary>
public sealed class SearchWord
{
    public required string Word { get; set; }
    public int Threads { get; set; }
}
