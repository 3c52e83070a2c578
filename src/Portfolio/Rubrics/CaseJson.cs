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
public static partial class CaseJson
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
        var documentId = q.CaseIdentifier ?? Identifier(q.Code, "document", "");
        var documentLink = Link(q.Title, documentId);
        var items = new JsonArray();
        var associations = new JsonArray();

        JsonObject Item(string kind, string id, string statement, string type, string? kept)
        {
            var identifier = kept ?? Identifier(q.Code, kind, id);
            var item = new JsonObject
            {
                ["identifier"] = identifier,
                ["uri"] = Uri(identifier),
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
            var unitItem = Item("unit", unit.Id, unit.Title, UnitType, unit.CaseIdentifier);
            Associate(unitItem, documentLink.DeepClone().AsObject(), u + 1);
            for (var e = 0; e < unit.Elements.Count; e++)
            {
                var element = unit.Elements[e];
                var elementItem = Item("element", element.Id, element.Title, ElementType, element.CaseIdentifier);
                if (Notes(element) is { Length: > 0 } notes)
                {
                    elementItem["notes"] = notes;
                }
                Associate(elementItem, Link(unit.Title, (string)unitItem["identifier"]!), e + 1);
                for (var p = 0; p < element.MarkingPoints.Count; p++)
                {
                    var point = element.MarkingPoints[p];
                    var pointItem = Item("point", point.Id, point.Text, PointType, point.CaseIdentifier);
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
