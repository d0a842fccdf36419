namespace Community.Domain.Threads;

/// <summary>A place where questions about one product family or device are asked (Smartphones > Apple > iPhone 16).</summary>
public class Hub
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
}
