namespace Community.Web.Infrastructure;

public static class ExceptionChain
{
    /// <summary>The exception and its inner exceptions, outermost first: EF and ASP.NET wrap a database's own error.</summary>
    public static IEnumerable<Exception> AndInner(this Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }
}
