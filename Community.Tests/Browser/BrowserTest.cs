namespace Community.Tests.Browser;

/// <summary>
/// A class of browser tests on one <see cref="BrowserApp"/>: each test starts with no browser errors recorded and
/// fails on any at its end. The Content-Security-Policy is enforced, so anything it blocked (or a script error) fails.
/// </summary>
public abstract class BrowserTest : IClassFixture<BrowserApp>, IDisposable
{
    protected readonly BrowserApp app;

    protected BrowserTest(BrowserApp app)
    {
        this.app = app;
        app.BrowserErrors.Clear();
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        app.AssertNoBrowserErrors();
    }
}
