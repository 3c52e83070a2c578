using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portfolio.Rubrics;

/// <summary>
/// Which depths of a CASE tree become units and elements; the leaves below an element are its marking points.
/// Depth 0 is the document itself (the whole package as one unit, or one element).
/// </summary>
public sealed record CaseLevels(int UnitDepth, int ElementDepth)
{
    /// <summary>The deepest leaves are marking points, their parents elements and theirs units.</summary>
    public static CaseLevels DefaultFor(CasePackage package) =>
        new(Math.Max(package.Depth - 2, 0), Math.Max(package.Depth - 1, 0));

    public bool FitsIn(CasePackage package) =>
        UnitDepth >= 0 && ElementDepth >= UnitDepth && ElementDepth <= package.Depth;
}

// Reading any publisher's package into units, elements and marking points.
public static partial class CaseJson
{
    /// <summary>
    /// Reads a CFPackage with the default levels. Throws <see cref="FormatException"/> when the JSON is not a
    /// CASE package.
    /// </summary>
    public static Qualification Import(string json)
    {
        var package = CasePackage.Read(json);
        return Import(package, CaseLevels.DefaultFor(package), previous: null);
    }

    /// <summary>The qualification code a package imports as: Portfolio's own extension, else from its document.</summary>
    public static string CodeOf(CasePackage package) =>
        Text(package.PortfolioExtension, "code") ?? CodeFor(package.DocumentIdentifier);

    /// <summary>
    /// The package as a qualification. Codes are the items' humanCodingScheme where it can serve as one, else
    /// numbers (1, 1.1, 1.1.1); an item <paramref name="previous"/> already holds (by CASE identifier) keeps
    /// the code it had there, so a later package from the same publisher updates the same marking points.
    /// </summary>
    public static Qualification Import(CasePackage package, CaseLevels levels, Qualification? previous)
    {
        if (!package.Nodes.Any())
        {
            throw new FormatException("the package has no items in its document's tree");
        }
        var extension = package.PortfolioExtension;
        var code = CodeOf(package);
        var codes = new CaseCodes(code, previous);
        var document = new CaseNode(package.DocumentIdentifier, null, package.Title, null, 0);
        document.Children.AddRange(package.Roots);

        var units = new List<Unit>();
        foreach (var unitNode in AtDepth(document, levels.UnitDepth))
        {
            var unitCode = codes.Unit(unitNode, units.Count + 1);
            var elements = new List<Element>();
            foreach (var elementNode in AtDepth(unitNode, levels.ElementDepth))
            {
                var elementCode = codes.Element(elementNode, unitCode, elements.Count + 1);
                var pointNodes = elementNode.SelfAndDescendants().Where(n => n.IsLeaf).ToList();
                var points = pointNodes.Select((p, i) =>
                {
                    var pointCode = codes.Point(p, elementCode, i + 1);
                    return new MarkingPoint(pointCode, OneLine(p.Statement) is { Length: > 0 } text ? text : pointCode,
                        p.EvidenceKinds) { CaseIdentifier = codes.Kept(p, "point", pointCode) };
                }).ToList();
                var notes = ParseNotes(elementNode.Notes);
                elements.Add(new Element(elementCode, unitCode, TitleOf(elementNode, elementCode),
                    notes.GetValueOrDefault("synopsis", ""), notes.GetValueOrDefault("key concepts", ""),
                    notes.GetValueOrDefault("guidance for candidates", ""),
                    notes.GetValueOrDefault("common mistakes", ""), points)
                {
                    // One item serving as two levels keeps its identifier on the smaller.
                    CaseIdentifier = elementNode.IsLeaf ? null : codes.Kept(elementNode, "element", elementCode),
                });
            }
            units.Add(new Unit(unitCode, TitleOf(unitNode, unitCode), elements)
            {
                CaseIdentifier = unitNode.IsLeaf || unitNode.Depth == levels.ElementDepth
                    ? null : codes.Kept(unitNode, "unit", unitCode),
            });
        }

        var level = extension?["level"] is JsonValue l && l.TryGetValue<double>(out var d) && d is >= 0 and <= 99
            ? (int)d : 0;
        return new Qualification(code, OneLine(package.Title) is { Length: > 0 } title ? title : code, level,
            OneLine(package.Creator) is { Length: > 0 } creator ? creator : "Not stated", units)
        {
            GuidedLearningHours = WholeNumber(extension?["guidedLearningHours"]),
            OffTheJobMinimumHours = WholeNumber(extension?["offTheJobMinimumHours"]),
            CaseIdentifier = codes.KeptDocument(package.DocumentIdentifier),
        };
    }

    /// <summary>The code a package without Portfolio's own gets: stable for the same CFDocument.</summary>
    public static string CodeFor(string documentIdentifier) =>
        "CASE-" + new string(documentIdentifier.Where(char.IsAsciiLetterOrDigit).Take(8).ToArray())
            .ToUpperInvariant();

    // Nodes at the depth, in order; a branch that ends sooner gives its leaf.
    static IEnumerable<CaseNode> AtDepth(CaseNode node, int depth) =>
        node.Depth >= depth || node.IsLeaf ? [node] : node.Children.SelectMany(c => AtDepth(c, depth));

    static string TitleOf(CaseNode node, string code) => OneLine(node.Statement) is { Length: > 0 } t ? t : code;

    static string OneLine(string text) => RubricHash.Canonical(text);

    /// <summary>Hands out unique codes: the previous version's, else humanCodingScheme, else numbers.</summary>
    sealed class CaseCodes
    {
        readonly string qualificationCode;
        readonly Dictionary<string, string> before = new(StringComparer.OrdinalIgnoreCase);
        readonly HashSet<string> units = new(StringComparer.Ordinal);
        readonly HashSet<string> elements = new(StringComparer.Ordinal);
        readonly HashSet<string> points = new(StringComparer.Ordinal);

        // Codes the previous version gave: only the same item may take one again.
        readonly HashSet<string> reserved = new(StringComparer.Ordinal);

        public CaseCodes(string qualificationCode, Qualification? previous)
        {
            this.qualificationCode = qualificationCode;
            foreach (var unit in previous?.Units ?? [])
            {
                Remember("unit", unit.CaseIdentifier, unit.Id);
                foreach (var element in unit.Elements)
                {
                    Remember("element", element.CaseIdentifier, element.Id);
                    foreach (var point in element.MarkingPoints)
                    {
                        Remember("point", point.CaseIdentifier, point.Id);
                    }
                }
            }
        }

        void Remember(string kind, string? identifier, string code)
        {
            if (identifier is not null)
            {
                before[kind + ":" + identifier] = code;
                reserved.Add(kind + ":" + code);
            }
        }

        public string Unit(CaseNode node, int n) => Pick("unit", node, "", units, n);

        public string Element(CaseNode node, string unit, int n) => Pick("element", node, unit + ".", elements, n);

        // A point's code starts with its element's, as the rubric format asks.
        public string Point(CaseNode node, string element, int n) =>
            Pick("point", node, element + ".", points, n, belongsTo: element);

        string Pick(string kind, CaseNode node, string prefix, HashSet<string> taken, int n,
            string? belongsTo = null)
        {
            bool Fits(string code) => RubricLoader.IsUsableCode(code) && !taken.Contains(code)
                && (belongsTo is null || RubricLoader.IsPointOf(code, belongsTo));
            bool Free(string code) => Fits(code) && !reserved.Contains(kind + ":" + code);
            if (node.Depth > 0 && before.GetValueOrDefault(kind + ":" + node.Identifier) is { } kept && Fits(kept))
            {
                taken.Add(kept);
                return kept;
            }
            if (node.HumanCode is { } human && Free(human))
            {
                taken.Add(human);
                return human;
            }
            while (!Free(prefix + n.ToString(CultureInfo.InvariantCulture)))
            {
                n++;
            }
            taken.Add(prefix + n.ToString(CultureInfo.InvariantCulture));
            return prefix + n.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>The item's identifier, unless it is the one Portfolio's own export would make anyway.</summary>
        public string? Kept(CaseNode node, string kind, string code) =>
            node.Depth == 0 || node.Identifier.Equals(Identifier(qualificationCode, kind, code),
                StringComparison.OrdinalIgnoreCase) ? null : node.Identifier;

        public string? KeptDocument(string identifier) =>
            identifier.Equals(Identifier(qualificationCode, "document", ""), StringComparison.OrdinalIgnoreCase)
                ? null : identifier;
    }
}
