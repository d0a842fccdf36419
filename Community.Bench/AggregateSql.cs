/// <summary>
/// The app keeps the reputation aggregates row by row; the benches write millions of rows in bulk and rebuild them
/// from the ledger (and, for the content seeder, from the answers) in these statements.
/// </summary>
public static class AggregateSql
{
    /// <summary>temp.Chain: every hub with each of its ancestors, and 0 for the whole community.</summary>
    public const string HubChain = """
        DROP TABLE IF EXISTS temp.Chain;
        CREATE TEMP TABLE Chain AS
          WITH RECURSIVE up(HubId, AncestorId) AS (SELECT Id, Id FROM Hubs UNION ALL SELECT up.HubId, h.ParentId FROM up JOIN Hubs h ON h.Id = up.AncestorId WHERE h.ParentId IS NOT NULL)
          SELECT HubId, AncestorId FROM up UNION ALL SELECT Id, 0 FROM Hubs;
        """;

    /// <summary>The daily rows from the ledger and an optional <c>temp.AnswerDays (HubId, Day, UserId)</c> table of answers.</summary>
    public static string Daily(bool withAnswers) => $"""
        DELETE FROM ReputationDaily;
        INSERT INTO ReputationDaily (HubId, Day, UserId, Points, Solutions, Answers)
          SELECT HubId, Day, UserId, SUM(Points), SUM(Solutions), SUM(Answers) FROM (
            SELECT c.AncestorId AS HubId, l.Day, l.UserId, l.Points, l.Reason = 3 AS Solutions, 0 AS Answers FROM Ledger l JOIN temp.Chain c ON c.HubId = l.HubId
            {(withAnswers ? "UNION ALL SELECT c.AncestorId, a.Day, a.UserId, 0, 0, 1 FROM temp.AnswerDays a JOIN temp.Chain c ON c.HubId = a.HubId" : "")})
          GROUP BY HubId, Day, UserId;
        """;

    /// <summary>The all-time totals and each person's reputation from the daily rows.</summary>
    public const string TotalsAndReputation = """
        DELETE FROM ReputationTotals;
        INSERT INTO ReputationTotals (HubId, UserId, Points, Solutions, Answers)
          SELECT HubId, UserId, SUM(Points), SUM(Solutions), SUM(Answers) FROM ReputationDaily GROUP BY HubId, UserId;
        UPDATE AspNetUsers SET Reputation = COALESCE((SELECT Points FROM ReputationTotals t WHERE t.HubId = 0 AND t.UserId = AspNetUsers.Id), 0);
        """;
}
