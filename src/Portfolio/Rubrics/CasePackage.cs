using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portfolio.Rubrics;

/// <summary>One CFItem placed in the package's isChildOf tree. Depth 1 is a child of the document.</summary>
public sealed class CaseNode(string identifier, string? humanCode, string statement, string? itemType, int depth)
{
    public string Identifier { get; } = identifier;
    public string? HumanCode { get; } = humanCode;
    public string Statement { get; } = statement;
    public string? ItemType { get; } = itemType;
    public int Depth { get; } = depth;
    public List<CaseNode> Children { get; } = [];
    public bool IsLeaf => Children.Count == 0;

    /// <summary>The item's notes (Portfolio writes an element's guidance there).</summary>
    public string Notes { get; init; } = "";

    public IReadOnlyList<EvidenceKind> EvidenceKinds { get; init; } = [];

    public IEnumerable<CaseNode> SelfAndDescendants() =>
        Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}

/// <summary>
/// A CASE 1.0 or 1.1 package read as the tree its isChildOf associations draw, whatever the publisher: items
/// repeated identically count once, an item under several parents is kept under the first, items outside the
/// document's tree are left out, and each of these is told in <see cref="Notices"/>.
/// </summary>
public sealed record CasePackage(
    string DocumentIdentifier, string Title, string Creator, JsonNode? PortfolioExtension,
    IReadOnlyList<CaseNode> Roots, int ItemCount, IReadOnlyList<string> Notices)
{
    // Deeper than any real framework; stops a hostile chain from exhausting the stack.
    public const int MaximumDepth = 32;

    public int Depth => Nodes.Select(n => n.Depth).DefaultIfEmpty(0).Max();

    public IEnumerable<CaseNode> Nodes => Roots.SelectMany(r => r.SelfAndDescendants());

    /// <summary>Reads the JSON; throws <see cref="FormatException"/> saying why when it is no package.</summary>
    public static CasePackage Read(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new() { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            // The reader's own message speaks of bytes and counts lines from 0; a person counts from 1.
            var where = ex.LineNumber is { } line
                ? $": it stops or goes wrong at line {line + 1}, character {(ex.BytePositionInLine ?? 0) + 1}" : "";
            throw new FormatException($"not valid JSON{where} (a file cut short, or not a CASE package)", ex);
        }
        var document = (root as JsonObject)?["CFDocument"] as JsonObject
            ?? throw new FormatException("not a CASE package: there is no CFDocument object");
        var documentId = Text(document, "identifier") ?? throw new FormatException("the CFDocument has no identifier");
        var notices = new List<string>();
        var items = ReadItems(ArrayOf(root!, "CFItems"), notices);
        var children = ReadChildren(ArrayOf(root!, "CFAssociations"), items, documentId);

        var roots = children.GetValueOrDefault(documentId) ?? [];
        if (roots.Count == 0)
        {
            // Some tools leave out the document's own associations: take every item that is nobody's child.
            var placed = children.Where(c => c.Key != documentId).SelectMany(c => c.Value)
                .Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            roots = items.Values.Where(i => !placed.Contains(i.Id)).Select(i => (i.Id, int.MaxValue, i.Code)).ToList();
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var repeatedUnder = 0;
        var tooDeep = 0;
        List<CaseNode> Build(IEnumerable<(string Id, int Sequence, string? Code)> list, int depth) =>
            Order(list).Select(c =>
            {
                if (!seen.Add(c.Id))
                {
                    repeatedUnder++;
                    return null;
                }
                if (depth > MaximumDepth)
                {
                    tooDeep++;
                    return null;
                }
                var node = Node(items[c.Id], depth);
                node.Children.AddRange(Build(children.GetValueOrDefault(c.Id) ?? [], depth + 1));
                return node;
            }).OfType<CaseNode>().ToList();
        var tree = Build(roots, 1);

        if (repeatedUnder > 0)
        {
            notices.Add($"{Count(repeatedUnder, "item is", "items are")} listed under more than one parent: "
                + "each is kept once, under its first parent");
        }
        if (tooDeep > 0)
        {
            notices.Add($"{Count(tooDeep, "item lies", "items lie")} deeper than {MaximumDepth} levels: left out");
        }
        var outside = items.Count - seen.Count - tooDeep;
        if (outside > 0)
        {
            notices.Add($"{Count(outside, "item is", "items are")} not in the document's tree (no isChildOf "
                + "association leads to the document) and left out");
        }
        return new CasePackage(documentId, Text(document, "title") ?? "", Text(document, "creator")
            ?? Text(document, "publisher") ?? "", document["extensions"]?["portfolio"], tree, items.Count, notices);
    }

    /// <summary>"1 item" or "1,204 items".</summary>
    public static string Count(int n, string one, string many) =>
        n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    sealed record Item(string Id, string? Code, JsonObject Json);

    static JsonArray ArrayOf(JsonNode root, string key) => root[key] switch
    {
        null => [],
        JsonArray array => array,
        _ => throw new FormatException($"{key} must be a list"),
    };

    static Dictionary<string, Item> ReadItems(JsonArray list, List<string> notices)
    {
        var items = new Dictionary<string, Item>(StringComparer.OrdinalIgnoreCase);
        int identical = 0, differing = 0, unnamed = 0;
        foreach (var node in list)
        {
            if (node is not JsonObject json || Text(json, "identifier") is not { } id)
            {
                unnamed++;
                continue;
            }
            if (items.TryGetValue(id, out var first))
            {
                _ = JsonNode.DeepEquals(first.Json, json) ? identical++ : differing++;
                continue;
            }
            items[id] = new Item(id, Text(json, "humanCodingScheme"), json);
        }
        if (identical > 0)
        {
            notices.Add($"{Count(identical, "item appears", "items appear")} more than once, identically: read once");
        }
        if (differing > 0)
        {
            notices.Add($"{Count(differing, "identifier is", "identifiers are")} used by two different items: "
                + "the first of each is kept");
        }
        if (unnamed > 0)
        {
            notices.Add($"{Count(unnamed, "entry", "entries")} of CFItems without an identifier left out");
        }
        return items;
    }

    static Dictionary<string, List<(string Id, int Sequence, string? Code)>> ReadChildren(
        JsonArray associations, Dictionary<string, Item> items, string documentId)
    {
        var children = new Dictionary<string, List<(string Id, int Sequence, string? Code)>>(
            StringComparer.OrdinalIgnoreCase);
        var pairs = new HashSet<(string, string)>();
        foreach (var association in associations.OfType<JsonObject>())
        {
            if (Text(association, "associationType") != "isChildOf"
                || Text(association["destinationNodeURI"], "identifier") is not { } parent
                || Text(association["originNodeURI"], "identifier") is not { } child
                || !items.TryGetValue(child, out var item)
                || (!items.ContainsKey(parent) && !parent.Equals(documentId, StringComparison.OrdinalIgnoreCase))
                || !pairs.Add((parent.ToUpperInvariant(), child.ToUpperInvariant())))
            {
                continue;
            }
            var sequence = association["sequenceNumber"] is JsonValue v && v.TryGetValue<double>(out var d)
                && d is >= int.MinValue and <= int.MaxValue ? (int)d : int.MaxValue;
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }
            list.Add((item.Id, sequence, item.Code));
        }
        return children;
    }

    // By sequenceNumber; items without one follow, by humanCodingScheme (1.2 before 1.10), then as listed.
    static IEnumerable<(string Id, int Sequence, string? Code)> Order(
        IEnumerable<(string Id, int Sequence, string? Code)> list) =>
        list.OrderBy(c => c.Sequence).ThenBy(c => c.Code ?? "", RubricIdComparer.Instance);

    static CaseNode Node(Item item, int depth)
    {
        var json = item.Json;
        var statement = Text(json, "fullStatement") ?? Text(json, "abbreviatedStatement") ?? "";
        var type = Text(json, "CFItemType") ?? Text(json["CFItemTypeURI"], "title");
        return new CaseNode(item.Id, item.Code, statement, type, depth)
        {
            Notes = Text(json, "notes") ?? "",
            EvidenceKinds = (json["extensions"]?["portfolio"]?["evidenceKinds"] as JsonArray ?? [])
                .Select(k => k is JsonValue s && s.TryGetValue<string>(out var key)
                    && global::Portfolio.Rubrics.EvidenceKinds.TryParse(key, out var kind) ? kind : (EvidenceKind?)null)
                .OfType<EvidenceKind>()
                .ToList(),
        };
    }

    internal static string? Text(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0
            ? s.Trim() : null;
}
