using System.Net;
using Community.Domain;
using Community.Domain.Crm;
using Community.Domain.Outbox;

namespace Community.Tests.Domain;

public class WebhookSignatureTests
{
    [Fact]
    public void Signs_the_Standard_Webhooks_reference_example_exactly()
    {
        // The example from the Standard Webhooks specification's reference libraries.
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Rotation_signs_with_every_secret_separated_by_spaces()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();
        Assert.StartsWith("whsec_", a);
        Assert.Equal(32, WebhookSignature.SecretBytes(a).Length);
        var header = WebhookSignature.Header([a, b], "msg_1", 1, "{}");
        Assert.Equal([WebhookSignature.Sign(a, "msg_1", 1, "{}"), WebhookSignature.Sign(b, "msg_1", 1, "{}")], header.Split(' '));
    }

    [Fact]
    public void An_endpoint_signs_with_the_previous_secret_only_during_the_overlap()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var endpoint = new WebhookEndpoint { Url = "https://crm.example.com", Secret = "whsec_old" };
        endpoint.RotateSecret("whsec_new", now, TimeSpan.FromHours(24));
        Assert.Equal(["whsec_new", "whsec_old"], endpoint.SigningSecrets(now.AddHours(23)));
        Assert.Equal(["whsec_new"], endpoint.SigningSecrets(now.AddHours(24)));
        endpoint.RotateSecret("whsec_newer", now, TimeSpan.Zero);
        Assert.Equal(["whsec_newer"], endpoint.SigningSecrets(now));
    }

    [Theory]
    [InlineData("", "reputation.credited", true)]
    [InlineData("reputation.credited reputation.debited", "reputation.debited", true)]
    [InlineData("hero_of_month.awarded", "reputation.credited", false)]
    [InlineData("hero_of_month.awarded", "webhook.test", true)]
    public void An_endpoint_accepts_the_types_it_subscribed_to(string filter, string type, bool accepted) =>
        Assert.Equal(accepted, new WebhookEndpoint { Url = "https://x", Secret = "s", EventTypes = filter }.Accepts(type));

    [Theory]
    [InlineData("reputation.credited, account.linked", "reputation.credited account.linked", null)]
    [InlineData("  ", "", null)]
    [InlineData("reputation.credited reputation.credited", "reputation.credited", null)]
    [InlineData("reputation.stolen", null, "Unknown event type reputation.stolen")]
    public void Event_type_lists_are_checked_and_normalised(string input, string? normalised, string? error)
    {
        var (n, e) = WebhookEndpoint.ParseEventTypes(input);
        Assert.Equal(normalised, n);
        if (error is null) Assert.Null(e);
        else Assert.StartsWith(error, e);
    }
}

public class DeliveryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_default_schedule_retries_for_about_three_days()
    {
        var schedule = new RetrySchedule([]);
        var total = RetrySchedule.Default.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.InRange(total.TotalDays, 2.9, 3.1);
        Assert.Equal(10, schedule.MaxAttempts);
    }

    [Theory]
    [InlineData(1, 0.0, 4.0)]   // 5 s - 20 %
    [InlineData(1, 1.0, 6.0)]   // 5 s + 20 %
    [InlineData(2, 0.5, 300.0)] // 5 min
    public void Retries_back_off_with_jitter(int failures, double random, double seconds) =>
        Assert.Equal(Now.AddSeconds(seconds), new RetrySchedule([]).Next(failures, Now, random));

    [Fact]
    public void A_delivery_is_retried_until_the_schedule_is_used_up_then_dead_lettered_and_can_be_replayed()
    {
        var schedule = new RetrySchedule([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)]);
        var d = new WebhookDelivery(outboxEventId: 1, endpointId: 1, Now);
        Assert.True(d.IsDue(Now));

        d.Failed(500, "boom", Now, schedule, 0.5);
        Assert.Equal((DeliveryStatus.Pending, 1, Now.AddMinutes(1)), (d.Status, d.TotalAttempts, d.NextAttemptAt));
        Assert.Null(d.LeaseOwner);
        d.Failed(null, "timeout", Now, schedule, 0.5);
        Assert.Equal(Now.AddMinutes(10), d.NextAttemptAt);
        d.Failed(503, "down", Now, schedule, 0.5);
        Assert.Equal((DeliveryStatus.DeadLettered, 3, 503), (d.Status, d.TotalAttempts, d.LastStatusCode));

        d.Replay(Now.AddDays(1));
        Assert.Equal((DeliveryStatus.Pending, 0, Now.AddDays(1)), (d.Status, d.Failures, d.NextAttemptAt));
        d.Succeeded(204, Now.AddDays(1));
        Assert.Equal((DeliveryStatus.Delivered, 4, (int?)204), (d.Status, d.TotalAttempts, d.LastStatusCode));
        Assert.Throws<DomainException>(() => d.Replay(Now));
    }
}

public class EndpointAddressPolicyTests
{
    private static readonly EndpointAddressPolicy Default = new();

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("fd20:ce::254")]
    [InlineData("100.100.100.200")]
    [InlineData("64:ff9b::a00:5")]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.0.0.5")]
    [InlineData("172.16.4.4")]
    [InlineData("172.31.255.1")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("fd12:3456::1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("64:ff9b:1::a00:1")]
    [InlineData("::ffff:0:7f00:1")]
    public void Internal_and_metadata_addresses_are_refused_by_default(string address) =>
        Assert.False(Default.IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("172.32.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("2002:cb00:7107::1")]
    public void Public_addresses_are_allowed(string address) => Assert.True(Default.IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.20.0.0/16", "10.20.3.4", true)]
    [InlineData("10.20.0.0/16", "10.21.3.4", false)]
    [InlineData("127.0.0.0/8", "127.0.0.1", true)]
    [InlineData("::1/128", "::1", true)]
    [InlineData("169.254.0.0/16", "169.254.169.254", false)]
    public void An_operators_allowed_network_opens_only_that_network_and_never_metadata(string network, string address, bool allowed) =>
        Assert.Equal(allowed, new EndpointAddressPolicy(allowedNetworks: [IPNetwork.Parse(network)]).IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://crm.example.com/hooks", null)]
    [InlineData("http://crm.example.com/hooks", "Use an https:// URL")]
    [InlineData("https://127.0.0.1:8080/hooks", "Loopback, private")]
    [InlineData("https://[::1]/hooks", "Loopback, private")]
    [InlineData("https://10.1.2.3/hooks", "Loopback, private")]
    [InlineData("https://192.168.0.10/hooks", "Loopback, private")]
    [InlineData("https://169.254.169.254/", "Loopback, private")]
    [InlineData("https://metadata.google.internal/", "Cloud metadata")]
    [InlineData("file:///etc/passwd", "Enter an absolute https")]
    [InlineData("https://a:b@crm.example.com", "Credentials")]
    public void Urls_are_checked_before_they_are_saved(string url, string? error)
    {
        var result = Default.CheckUrl(url);
        if (error is null) Assert.Null(result);
        else Assert.StartsWith(error, result);
    }

    [Fact]
    public void Http_and_a_private_receiver_pass_when_the_operator_allows_them()
    {
        var policy = new EndpointAddressPolicy(allowHttp: true, allowedNetworks: [IPNetwork.Parse("127.0.0.0/8")]);
        Assert.Null(policy.CheckUrl("http://127.0.0.1:8080/hooks"));
        Assert.StartsWith("Loopback, private", policy.CheckUrl("http://10.0.0.1/hooks"));
    }
}

public class CustomerNumberTests
{
    private readonly CustomerNumberFormat _format = new(@"^\d{8,10}$", "12345678");

    [Theory]
    [InlineData("12345678", null)]
    [InlineData(" 1234567890 ", null)]
    [InlineData("1234567", "This is not a valid customer number (for example 12345678).")]
    [InlineData("12345678901", "This is not a valid customer number (for example 12345678).")]
    [InlineData("1234abcd", "This is not a valid customer number (for example 12345678).")]
    [InlineData("１２３４５６７８", "This is not a valid customer number (for example 12345678).")]
    [InlineData("١٢٣٤٥٦٧٨", "This is not a valid customer number (for example 12345678).")]
    [InlineData("", "Enter your customer number.")]
    [InlineData(null, "Enter your customer number.")]
    public void Customer_numbers_follow_the_configured_pattern(string? number, string? error) => Assert.Equal(error, _format.Check(number)?.Text);

    [Theory]
    [InlineData("12345678", "••••5678")]
    [InlineData("123", "123")]
    public void Customer_numbers_are_shown_masked(string number, string masked) => Assert.Equal(masked, CustomerLink.Mask(number));
}
