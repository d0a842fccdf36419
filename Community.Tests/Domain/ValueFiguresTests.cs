using Community.Domain.Dashboard;

namespace Community.Tests.Domain;

public class ValueFiguresTests
{
    [Theory]
    [InlineData(16000L * 10, 0.1, 16000)]
    [InlineData(3L, 0.5, 2)]  // 1.5 rounds up
    [InlineData(0L, 0.3, 0)]
    [InlineData(10L, 2.0, 10)] // a rate above 100 % is capped
    public void Deflected_contacts_are_views_times_the_rate(long views, double rate, int contacts) =>
        Assert.Equal(contacts, ValueFigures.DeflectedContacts(views, rate));

    [Fact]
    public void The_a1_example_saves_24000_euros_a_month() =>
        Assert.Equal(24_000m, ValueFigures.SavedCost(16_000, 1.50m));

    [Theory]
    [InlineData(new double[0], null)]
    [InlineData(new[] { 5.0 }, 5.0)]
    [InlineData(new[] { 30.0, 2.0 }, 16.0)]
    [InlineData(new[] { 1.0, 9.0, 3.0 }, 3.0)]
    public void Medians_in_hours(double[] hours, double? median) =>
        Assert.Equal(median is null ? null : TimeSpan.FromHours(median.Value), ValueFigures.Median(hours.Select(TimeSpan.FromHours)));

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36", false)]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true)]
    [InlineData("facebookexternalhit/1.1", true)]
    [InlineData("Mozilla/5.0 HeadlessChrome/131.0", true)]
    [InlineData("curl/8.5.0", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    public void Bots_are_recognised_by_their_user_agent(string? userAgent, bool isBot) => Assert.Equal(isBot, BotDetector.IsBot(userAgent));

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.0)]
    [InlineData(1.5, 2.0)]
    [InlineData(706.5, 1000.0)]
    [InlineData(420.0, 500.0)]
    public void Chart_axes_step_in_round_numbers(double rough, double step) =>
        Assert.Equal(step, Community.Web.Features.Dashboard.SvgChart.NiceStep(rough));
}
