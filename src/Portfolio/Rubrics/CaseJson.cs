using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portfolio.Rubrics;

/// <summary>
/// Reads and writes rubrics as 1EdTech CASE 1.1 packages (CFPackage JSON), so a qualification can
/// travel to and from other competency tools. The mapping is described in rubrics/README.md.
/// </summary>
public static class CaseJson
{
    private const string UnitType = "Unit";
    private const string ElementType = "Element";
    private const string PointType = "Marking point";
    private const string ChildOf = "isChildOf";

    // Namespace for the name-based identifiers, so the same rubric always exports the same UUIDs.
    private static readonly Guid IdentifierNamespace = new("5b0f3c8e-6a52-4f0e-9a47-2f6d1c3e8b71");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly (string Heading, Func<Element, string> Text)[] NoteSections =
    [
        ("Synopsis", e => e.Synopsis),
        ("Key concepts", e => e.KeyConcepts),
        ("Guidance for candidates", e => e.Guidance),
        ("Common mistakes", e => e.CommonMistakes),
    ];

    public static string Export(Qualification q, DateTimeOffset lastChangeDateTime)
    {
        var changed = lastChangeDateTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var documentId = Identifier(q.Code, "document", "");
        var documentLink = Link(q.Title, documentId);
        var items = new JsonArray();
        var associations = new JsonArray();

        JsonObject Item(string kind, string id, string statement, string type)
        {
            var item = new JsonObject
            {
                ["identifier"] = Identifier(q.Code, kind, id),
                ["uri"] = Uri(Identifier(q.Code, kind, id)),
                ["fullStatement"] = statement,
                ["humanCodingScheme"] = id,
                ["CFItemType"] = type,
                ["language"] = "en",
                ["lastChangeDateTime"] = changed,
                ["CFDocumentURI"] = documentLink.DeepClone(),
            };
            items.Add(item);
            return item;
        }

        void Associate(JsonObject child, JsonObject parentLink, int sequence)
        {
            var id = Identifier(q.Code, "association", (string)child["identifier"]!);
            associations.Add(new JsonObject
            {
                ["identifier"] = id,
                ["uri"] = Uri(id),
                ["associationType"] = ChildOf,
                ["sequenceNumber"] = sequence,
                ["CFDocumentURI"] = documentLink.DeepClone(),
                ["originNodeURI"] = Link((string)child["fullStatement"]!, (string)child["identifier"]!),
                ["destinationNodeURI"] = parentLink,
                ["lastChangeDateTime"] = changed,
            });
        }

        for (var u = 0; u < q.Units.Count; u++)
        {
            var unit = q.Units[u];
            var unitItem = Item("unit", unit.Id, unit.Title, UnitType);
            Associate(unitItem, documentLink.DeepClone().AsObject(), u + 1);
            for (var e = 0; e < unit.Elements.Count; e++)
            {
                var element = unit.Elements[e];
                var elementItem = Item("element", element.Id, element.Title, ElementType);
                if (Notes(element) is { Length: > 0 } notes)
                {
                    elementItem["notes"] = notes;
                }
                Associate(elementItem, Link(unit.Title, (string)unitItem["identifier"]!), e + 1);
                for (var p = 0; p < element.MarkingPoints.Count; p++)
                {
                    var point = element.MarkingPoints[p];
                    var pointItem = Item("point", point.Id, point.Text, PointType);
                    if (point.EvidenceKinds.Count > 0)
                    {
                        pointItem["extensions"] = new JsonObject
                        {
                            ["portfolio"] = new JsonObject
                            {
                                ["evidenceKinds"] = new JsonArray(point.EvidenceKinds.Select(k => (JsonNode)k.Key()).ToArray()),
                            },
                        };
                    }
                    Associate(pointItem, Link(element.Title, (string)elementItem["identifier"]!), p + 1);
                }
            }
        }

        var package = new JsonObject
        {
            ["CFDocument"] = new JsonObject
            {
                ["identifier"] = documentId,
                ["uri"] = Uri(documentId),
                ["creator"] = q.AwardingOrganisation,
                ["publisher"] = q.AwardingOrganisation,
                ["title"] = q.Title,
                ["description"] = $"{q.Code}: {q.Title}, level {q.Level}",
                ["language"] = "en",
                ["frameworkType"] = "Qualification",
                ["caseVersion"] = "1.1",
                ["lastChangeDateTime"] = changed,
                ["CFPackageURI"] = documentLink.DeepClone(),
                ["extensions"] = new JsonObject
                {
                    ["portfolio"] = new JsonObject
                    {
                        ["code"] = q.Code, ["level"] = q.Level,
                        ["guidedLearningHours"] = q.GuidedLearningHours,
                            ["offTheJobMinimumHours"] = q.OffTheJobMinimumHours,
                    },
                },
            },
            ["CFItems"] = items,
            ["CFAssociations"] = associations,
        };
        return package.ToJsonString(Indented);
    }

    /// <summary>
    /// Reads a CFPackage. Items under the document are taken as units, their children as elements
    /// and theirs as marking points, ordered by sequenceNumber. Throws <see cref="FormatException"/>
    /// when the JSON is not a CASE package this shape can be read from.
    /// </summary>
    public static Qualification Import(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not valid JSON: {ex.Message}", ex);
        }
        var document = root?["CFDocument"] as JsonObject ?? throw new FormatException("not a CASE package: no CFDocument");
        var documentId = Text(document, "identifier") ?? throw new FormatException("the CFDocument has no identifier");
        var items = (root!["CFItems"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(i => Text(i, "identifier") is not null)
            .ToDictionary(i => Text(i, "identifier")!, StringComparer.OrdinalIgnoreCase);
        var children = (root["CFAssociations"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => Text(a, "associationType") == ChildOf)
            .Select(a => (Parent: Text(a["destinationNodeURI"], "identifier"), Child: Text(a["originNodeURI"], "identifier"),
                Sequence: a["sequenceNumber"]?.GetValueKind() == JsonValueKind.Number ? a["sequenceNumber"]!.GetValue<int>() : int.MaxValue))
            .Where(a => a.Parent is not null && a.Child is not null && items.ContainsKey(a.Child))
            .GroupBy(a => a.Parent!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.Sequence).Select(a => items[a.Child!]).ToList(), StringComparer.OrdinalIgnoreCase);

        List<JsonObject> ChildrenOf(string id) => children.TryGetValue(id, out var list) ? list : [];

        var units = ChildrenOf(documentId).Select(unitItem =>
        {
            var unitId = Code(unitItem);
            var elements = ChildrenOf(Text(unitItem, "identifier")!).Select(elementItem =>
            {
                var notes = ParseNotes(Text(elementItem, "notes") ?? "");
                var points = ChildrenOf(Text(elementItem, "identifier")!)
                    .Select(p => new MarkingPoint(Code(p), Text(p, "fullStatement") ?? "", EvidenceOf(p)))
                    .ToList();
                return new Element(Code(elementItem), unitId, Text(elementItem, "fullStatement") ?? "",
                    notes.GetValueOrDefault("synopsis", ""), notes.GetValueOrDefault("key concepts", ""),
                    notes.GetValueOrDefault("guidance for candidates", ""), notes.GetValueOrDefault("common mistakes", ""),
                    points);
            }).ToList();
            return new Unit(unitId, Text(unitItem, "fullStatement") ?? "", elements);
        }).ToList();

        var extension = document["extensions"]?["portfolio"];
        var level = extension?["level"]?.GetValueKind() == JsonValueKind.Number ? extension["level"]!.GetValue<int>() : 0;
        return new Qualification(
            Text(extension, "code") ?? documentId,
            Text(document, "title") ?? "",
            level,
            Text(document, "creator") ?? "",
            units)
        {
            GuidedLearningHours = WholeNumber(extension?["guidedLearningHours"]),
            OffTheJobMinimumHours = WholeNumber(extension?["offTheJobMinimumHours"]),
        };
    }

    private static int? WholeNumber(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && node.GetValue<double>() is var d && d == Math.Floor(d)
            && d is >= 1 and <= 10_000
            ? (int)d : null;

    private static string Notes(Element element) =>
        string.Join("\n\n", NoteSections
            .Where(s => s.Text(element).Length > 0)
            .Select(s => $"## {s.Heading}\n\n{s.Text(element)}"));

    private static Dictionary<string, string> ParseNotes(string notes)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? heading = null;
        var body = new StringBuilder();
        foreach (var line in notes.ReplaceLineEndings("\n").Split('\n').Append("## "))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (heading is not null)
                {
                    sections[heading] = body.ToString().Trim();
                }
                heading = line[3..].Trim().ToLowerInvariant();
                body.Clear();
            }
            else
            {
                body.Append(line).Append('\n');
            }
        }
        return sections;
    }

    private static List<EvidenceKind> EvidenceOf(JsonObject item) =>
        (item["extensions"]?["portfolio"]?["evidenceKinds"] as JsonArray ?? [])
            .Select(k => k?.GetValueKind() == JsonValueKind.String && EvidenceKinds.TryParse(k.GetValue<string>(), out var kind) ? kind : (EvidenceKind?)null)
            .OfType<EvidenceKind>()
            .ToList();

    private static string Code(JsonObject item) => Text(item, "humanCodingScheme") ?? Text(item, "identifier")!;

    private static string? Text(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static JsonObject Link(string title, string identifier) =>
        new() { ["title"] = title, ["identifier"] = identifier, ["uri"] = Uri(identifier) };

    private static string Uri(string identifier) => "urn:uuid:" + identifier;

    /// <summary>A name-based (version 5, RFC 9562) UUID: stable for the same code, kind and id.</summary>
    private static string Identifier(string code, string kind, string id)
    {
        Span<byte> name = stackalloc byte[16];
        IdentifierNamespace.TryWriteBytes(name, bigEndian: true, out _);
        var bytes = name.ToArray().Concat(Encoding.UTF8.GetBytes($"{code}\n{kind}\n{id}")).ToArray();
#pragma warning disable CA5350 // UUID v5 is defined over SHA-1; this is naming, not security.
        var hash = SHA1.HashData(bytes);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
