namespace Portfolio.Web.Hosting;

public static class SafeMethods
{
    /// <summary>A GET or HEAD: it changes nothing, so what was read for it still holds and it may be tried again.</summary>
    public static bool ChangesNothing(this HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
}
