namespace Community.Tests.Browser;

/// <summary>A browser test: skipped, with the reason in the test report, where Debian's Chromium is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
            Skip = $"Skipped: no Chromium at {ChromiumPath}. Install it with 'apt-get install chromium' (.ci/run does) to run browser tests.";
    }
}
