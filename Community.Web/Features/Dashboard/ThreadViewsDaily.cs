namespace Community.Web.Features.Dashboard;

/// <summary>Solved-thread views per thread and day: one aggregate row, never one row per hit.</summary>
public class ThreadViewsDaily
{
    public int ThreadId { get; set; }
    public int Day { get; set; }
    public int HubId { get; set; }
    public int Views { get; set; }
}
