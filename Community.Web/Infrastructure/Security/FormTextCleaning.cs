using System.Text;
using Community.Domain;
using Microsoft.AspNetCore.Identity;

namespace Community.Web.Infrastructure.Security;

/// <summary>
/// ASP.NET Core's form reader refuses a form whose values contain NUL ("The form value contains invalid characters"),
/// which would end in a bare 400 page and lose what was typed. NUL is never meaningful in a forum text, so it is
/// dropped from url-encoded form bodies before anything reads them; every other code point reaches the handlers,
/// which keep it or refuse it naming the field.
/// </summary>
public static class FormTextCleaning
{
    /// <summary>Forms larger than this are left alone (the posting limits refuse them anyway).</summary>
    public const int MaxCleanedBytes = 1024 * 1024;

    public static IApplicationBuilder UseFormNulRemoval(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is > 0 and <= MaxCleanedBytes)
        {
            request.EnableBuffering();
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            request.Body.Position = 0;
            // Latin-1 maps every byte to one char and back, so any raw bytes in the body survive unchanged.
            var body = Encoding.Latin1.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            if (body.Contains("%00", StringComparison.Ordinal))
            {
                // Repeated, so "%%0000" cannot become "%00" again.
                while (body.Contains("%00", StringComparison.Ordinal)) body = body.Replace("%00", "", StringComparison.Ordinal);
                var cleaned = Encoding.Latin1.GetBytes(body);
                request.Body = new MemoryStream(cleaned);
                request.ContentLength = cleaned.Length;
            }
        }
        await next(context);
    });
}

/// <summary>
/// Identity's normalizer runs .NET's Unicode normalization, which throws on non-characters and lone surrogates: a
/// login name such as "anna\uFFFE" would answer 500. They are replaced first (<see cref="UnicodeText.Clean"/>), so the
/// name simply matches nobody.
/// </summary>
public sealed class CleaningLookupNormalizer : ILookupNormalizer
{
    private readonly UpperInvariantLookupNormalizer _inner = new();

    public string? NormalizeName(string? name) => _inner.NormalizeName(name is null ? null : UnicodeText.Clean(name));

    public string? NormalizeEmail(string? email) => _inner.NormalizeEmail(email is null ? null : UnicodeText.Clean(email));
}
