using Community.Domain;

namespace Community.Web.Infrastructure;

/// <summary>Input failed validation; the errors name the fields, for a re-shown form or a problem+json body.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, UiMessage[]> messages)
    : Exception("The input is not valid: " + string.Join(" ", messages.SelectMany(e => e.Value).Select(m => m.Text)))
{
    /// <summary>Per field, for a form shown again in the reader's language.</summary>
    public IReadOnlyDictionary<string, UiMessage[]> Messages { get; } = messages;

    /// <summary>Per field in English, for the API's problem+json.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => Messages.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Text).ToArray());

    public static ValidationFailedException For(string field, UiMessage message) => new(new Dictionary<string, UiMessage[]> { [field] = [message] });
}

/// <summary>What was asked for does not exist (or is not shown to this person); the message says what, in the reader's language.</summary>
public sealed class NotFoundException(UiMessage message) : Exception(message.Text)
{
    public UiMessage What { get; } = message;
}

/// <summary>A request that checks its own input before any handler runs.</summary>
public interface IValidate
{
    IEnumerable<(string Field, UiMessage Message)> Validate();
}

/// <summary>
/// A check that needs services or the network (a DNS lookup). It runs after <see cref="IValidate"/> passed and before
/// the command's transaction begins, so a slow answer never holds the database's write lock.
/// </summary>
public interface IValidateAsync
{
    ValueTask<(string Field, UiMessage Message)?> ValidateAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>Who is acting: the signed-in user and whether they moderate.</summary>
public sealed record Actor(string UserId, bool IsModerator, bool IsSupport = false);
