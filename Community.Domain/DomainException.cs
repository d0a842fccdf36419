namespace Community.Domain;

/// <summary>A forum rule was broken; the message is shown to the person who tried.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>The person is known but may not do this (maps to 403).</summary>
public sealed class ForbiddenException(string message) : DomainException(message);
