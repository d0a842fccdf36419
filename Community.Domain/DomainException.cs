namespace Community.Domain;

/// <summary>A forum rule was broken; the message is shown to the person who tried, in their language.</summary>
public class DomainException(UiMessage message) : Exception(message.Text)
{
    public UiMessage Refusal { get; } = message;

    public static DomainException Saying(string template, params object[] arguments) => new(UiMessage.Saying(template, arguments));
}

/// <summary>The person is known but may not do this (maps to 403).</summary>
public sealed class ForbiddenException(UiMessage message) : DomainException(message)
{
    public static new ForbiddenException Saying(string template, params object[] arguments) => new(UiMessage.Saying(template, arguments));
}
