namespace Community.Web.Features.Reputation;

public enum Period { Days30, Month, AllTime }

public sealed record ExpertRow(string UserId, string Name, int Reputation, string? Title, int Points, int Solutions, int Answers)
{
    /// <summary>Share of the person's answers that were accepted as the solution.</summary>
    public int AnswerRatePercent => Answers == 0 ? 0 : (int)Math.Round(100.0 * Math.Min(Solutions, Answers) / Answers);
}
