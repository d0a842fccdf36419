namespace Community.Web.Infrastructure;

/// <summary>Input failed validation; the errors name the fields, for a re-shown form or a problem+json body.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The input is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class NotFoundException(string message) : Exception(message);

/// <summary>A request that checks its own input before any handler runs.</summary>
public interface IValidate
{
    IEnumerable<(string Field, string Message)> Validate();
}

/// <summary>
/// A check that needs services or the network (a DNS lookup). It runs after <see cref="IValidate"/> passed and before
/// the command's transaction begins, so a slow answer never holds the database's write lock.
/// </summary>
public interface IValidateAsync
{
    ValueTask<(string Field, string Message)?> ValidateAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>Who is acting: the signed-in user and whether they moderate.</summary>
public sealed record Actor(string UserId, bool IsModerator, bool IsSupport = false);
