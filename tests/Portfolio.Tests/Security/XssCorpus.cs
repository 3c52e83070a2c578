namespace Portfolio.Tests.Security;

/// <summary>
/// Cross-site scripting payloads: every vector below combined with every action, so each tag, attribute, URL scheme
/// and encoding trick appears with both a dialog and a flag. A payload that runs sets window.__xss or opens a dialog.
/// </summary>
public static class XssCorpus
{
    static readonly string[] Actions = ["alert(1)", "window.__xss=1", "top.__xss=1"];

    static readonly string[] Vectors =
    [
        "<script>{0}</script>",
        "<script src=data:text/javascript,{0}></script>",
        "<img src=x onerror=\"{0}\">",
        "<img src=x onerror={0}>",
        "<svg onload=\"{0}\">",
        "<svg><script>{0}</script></svg>",
        "<body onload=\"{0}\">",
        "<iframe src=\"javascript:{0}\"></iframe>",
        "<iframe srcdoc=\"<script>{0}</script>\"></iframe>",
        "<a href=\"javascript:{0}\">link</a>",
        "[link](javascript:{0})",
        "[link](JaVaScRiPt:{0})",
        "[link](  javascript:{0})",
        "![image](javascript:{0})",
        "<javascript:{0}>",
        "<details open ontoggle=\"{0}\">",
        "<input autofocus onfocus=\"{0}\">",
        "<video><source onerror=\"{0}\"></video>",
        "<audio src=x onerror=\"{0}\">",
        "<marquee onstart=\"{0}\">",
        "\"><script>{0}</script>",
        "'><img src=x onerror={0}>",
        "</textarea><script>{0}</script>",
        "</title><script>{0}</script>",
        "<object data=\"javascript:{0}\"></object>",
        "<embed src=\"javascript:{0}\">",
        "<form action=\"javascript:{0}\"><button>go</button></form>",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"{0}\">",
        "<a href=\"&#106;avascript:{0}\">encoded</a>",
        "<div style=\"background:url(javascript:{0})\">x</div>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:{0}\">",
        "<base href=\"javascript:{0}//\">",
        "<link rel=import href=\"data:text/html,<script>{0}</script>\">",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<p title=\"</p><img src=x onerror={0}>\">",
        "`<img src=x onerror={0}>`",
    ];

    /// <summary>Every vector with every action: 36 × 3 = 108 payloads.</summary>
    public static IReadOnlyList<string> Payloads { get; } =
        Vectors.SelectMany(v => Actions.Select(a => v.Replace("{0}", a, StringComparison.Ordinal))).ToList();

    /// <summary>All payloads in one text, one per line, to put in a field.</summary>
    public static string All => string.Join("\n", Payloads);
}
