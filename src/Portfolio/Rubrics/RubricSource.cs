using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portfolio.Rubrics;

/// <summary>
/// One rubric Markdown file decoded, parsed and with its front matter read, plus the problems met
/// on the way. Lines reported are 1-based lines of the original file.
/// </summary>
internal sealed partial class RubricSource
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    // Strict: a file saved in Windows-1252 must be reported, not silently turned into U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<RubricProblem> problems;

    private RubricSource(string path, string text, MarkdownDocument document, List<RubricProblem> problems)
    {
        Path = path;
        Text = text;
        Document = document;
        this.problems = problems;
    }

    public string Path { get; }

    public string Text { get; }

    public MarkdownDocument Document { get; }

    /// <summary>The front matter's keys, or null when it is missing or unreadable (already reported).</summary>
    public YamlMappingNode? FrontMatter { get; private set; }

    /// <summary>1-based line of the opening <c>---</c>.</summary>
    public int FrontMatterLine { get; private set; } = 1;

    private int yamlLineOffset;

    /// <summary>The content as UTF-8 text without its byte order mark, or null with <paramref name="message"/> as a
    /// problem at the line of the first byte that is not UTF-8.</summary>
    public static string? Utf8Text(byte[] content, string file, string message, List<RubricProblem> problems)
    {
        try
        {
            var text = StrictUtf8.GetString(content);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException ex)
        {
            var badAt = Math.Clamp(ex.Index, 0, content.Length);
            problems.Add(new(file, 1 + content.AsSpan(0, badAt).Count((byte)'\n'), message));
            return null;
        }
    }

    public static RubricSource? Read(RubricFile file, List<RubricProblem> problems)
    {
        const string NotUtf8 = "the file is not valid UTF-8; save it as UTF-8";
        if (Utf8Text(file.Content, file.Path, NotUtf8, problems) is not { } text)
        {
            return null;
        }
        if (text.IndexOf('\0', StringComparison.Ordinal) is var nul and >= 0)
        {
            // The database keeps text without NUL characters; no editor puts one in a Markdown file on purpose.
            problems.Add(new(file.Path, 1 + text.AsSpan(0, nul).Count('\n'), "the file holds a NUL character "
                + "(a byte 0): save it again as plain UTF-8 text"));
            return null;
        }
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(text, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig refuses input nested past its depth limit (thousands of [ or > in a row).
            problems.Add(new(file.Path, 1, "the Markdown is nested too deeply to read"));
            return null;
        }
        var source = new RubricSource(file.Path, text, document, problems);
        source.ReadFrontMatter();
        return source;
    }

    public void Problem(int line, string message) => problems.Add(new(Path, line, message));

    /// <summary>1-based file line of a block.</summary>
    public static int LineOf(Block block) => block.Line + 1;

    /// <summary>The Markdown source a block was parsed from.</summary>
    public string SourceOf(Block block) =>
        block.Span.IsEmpty ? "" : Text.Substring(block.Span.Start, Math.Min(block.Span.Length, Text.Length - block.Span.Start));

    private void ReadFrontMatter()
    {
        var block = Document.OfType<YamlFrontMatterBlock>().FirstOrDefault();
        if (block is null || Document.IndexOf(block) != 0)
        {
            Problem(1, "no front matter: the file must begin with a line '---', the keys, then another line '---'");
            return;
        }
        FrontMatterLine = LineOf(block);
        // The block spans the opening and closing delimiters; YAML is what lies between them.
        var lines = SourceOf(block).ReplaceLineEndings("\n").Split('\n');
        var yaml = string.Join('\n', lines.Skip(1).Take(Math.Max(0, lines.Length - 2)));
        yamlLineOffset = FrontMatterLine;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                Problem(FrontMatterLine, "the front matter must be 'key: value' lines");
                return;
            }
            FrontMatter = map;
        }
        catch (YamlException ex)
        {
            Problem(yamlLineOffset + (int)ex.Start.Line, $"the front matter is not valid YAML: {YamlMessage().Replace(ex.Message, "")}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unterminated flow collections.
            Problem(FrontMatterLine, "the front matter is not valid YAML (look for an unclosed [ or { or quote)");
        }
    }

    /// <summary>1-based file line of a YAML node inside the front matter.</summary>
    public int LineOf(YamlNode node) => yamlLineOffset + (int)node.Start.Line;

    /// <summary>Reports keys outside <paramref name="allowed"/>, which are nearly always typos.</summary>
    public void CheckKeys(YamlMappingNode map, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
            {
                Problem(LineOf(key), $"unknown key '{name}' (expected {string.Join(", ", allowed)})");
            }
        }
    }

    /// <summary>A required, non-empty scalar value; reports and returns null when absent.</summary>
    public (string? Value, int Line) Required(YamlMappingNode map, string key, string where)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            Problem(LineOf(map), $"{where} has no '{key}'");
            return (null, LineOf(map));
        }
        if (node is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value))
        {
            Problem(LineOf(node), $"'{key}' must be a single non-empty value");
            return (null, LineOf(node));
        }
        return (value.Trim(), LineOf(node));
    }

    public YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex YamlMessage();
}
