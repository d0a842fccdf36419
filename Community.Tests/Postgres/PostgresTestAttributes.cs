using Community.Tests.Support;

namespace Community.Tests;

// In this build, [Fact] and [Theory] in every test namespace (Community.Tests.*) are these: the same tests, skipped
// with the reason when no PostgreSQL server can be started here, so a machine without PostgreSQL reports them skipped
// instead of passing them silently.

/// <summary>xunit's [Fact], skipped where PostgreSQL is missing.</summary>
public class FactAttribute : Xunit.FactAttribute
{
    public FactAttribute()
    {
        if (PostgresServer.MissingReason is { } why) Skip = why;
    }
}

/// <summary>xunit's [Theory], skipped where PostgreSQL is missing.</summary>
public class TheoryAttribute : Xunit.TheoryAttribute
{
    public TheoryAttribute()
    {
        if (PostgresServer.MissingReason is { } why) Skip = why;
    }
}
