namespace Community.Domain;

/// <summary>A forum rule was broken; the message is shown to the person who tried.</summary>
public class DomainException(string message) : Exception(message)
{
    /// <summary>The message as an English template with <see cref="Arguments"/>, when it has parts a UI must translate or format.</summary>
    public string? Template { get; init; }
    public IReadOnlyList<object> Arguments { get; init; } = [];

    public static DomainException Saying(string template, params object[] arguments) =>
        new(UiMessage.English(template, arguments)) { Template = template, Arguments = arguments };
}

/// <summary>The person is known but may not do this (maps to 403).</summary>
public sealed class ForbiddenException(string message) : DomainException(message)
{
    public static new ForbiddenException Saying(string template, params object[] arguments) =>
        new(UiMessage.English(template, arguments)) { Template = template, Arguments = arguments };
}
