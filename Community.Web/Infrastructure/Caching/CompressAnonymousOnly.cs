using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Community.Web.Infrastructure.Caching;

/// <summary>
/// Brotli or gzip for what anybody may see (anonymous pages, feeds, static files); a signed-in person's pages carry
/// an antiforgery token beside text they typed and are sent uncompressed, so BREACH has nothing to guess at.
/// </summary>
public sealed class CompressAnonymousOnly(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public override bool ShouldCompressResponse(HttpContext context) =>
        AnonymousPagePolicy.IsAnonymous(context) && base.ShouldCompressResponse(context);
}
