namespace Portfolio.Rubrics;

// Rows gathered into units and elements, each row checked against the ones before it.
public static partial class RubricSpreadsheet
{
    sealed class Tree(Action<int, string, string> problem)
    {
        sealed record UnitRows(string Id, string Title, int Row, List<string> Elements);

        sealed class ElementRows(string id, string unit, string title, int row)
        {
            public string Id { get; } = id;
            public string Unit { get; } = unit;
            public string Title { get; } = title;
            public int Row { get; } = row;
            public string[] Sections { get; } = ["", "", "", ""];
            public int[] SectionRows { get; } = [0, 0, 0, 0];
            public List<MarkingPoint> Points { get; } = [];
        }

        readonly List<UnitRows> units = [];
        readonly Dictionary<string, ElementRows> elements = new(StringComparer.Ordinal);
        readonly Dictionary<string, int> points = new(StringComparer.Ordinal);

        public void Add(int row, Func<string, string> cell)
        {
            var ok = true;
            string Required(string column)
            {
                var value = cell(column);
                if (value.Length == 0)
                {
                    problem(row, column, "is empty");
                    ok = false;
                }
                return value;
            }
            string Code(string column)
            {
                var value = Required(column);
                if (value.Length > 0 && !RubricLoader.IsUsableCode(value))
                {
                    problem(row, column, $"'{value}' is not a code: use letters, digits, dots and dashes, "
                        + "e.g. 1.2");
                    ok = false;
                }
                return value;
            }
            var (unitId, elementId, pointId) = (Code("Unit"), Code("Element"), Code("Point"));
            var text = Required("Point text");
            var kinds = new List<EvidenceKind>();
            foreach (var name in cell("Evidence").Split([',', ';'], StringSplitOptions.TrimEntries
                | StringSplitOptions.RemoveEmptyEntries))
            {
                if (EvidenceKinds.TryParse(name, out var kind))
                {
                    kinds.Add(kind);
                    continue;
                }
                problem(row, "Evidence", $"unknown evidence kind '{name}' (expected one of "
                    + string.Join(", ", EvidenceKinds.All.Select(k => k.Key())) + ")");
                ok = false;
            }
            if (!ok)
            {
                return;
            }
            var unit = units.FirstOrDefault(u => u.Id == unitId);
            if (unit is null)
            {
                units.Add(unit = new UnitRows(unitId, Required("Unit title"), row, []));
            }
            else if (cell("Unit title") is { Length: > 0 } title && title != unit.Title)
            {
                problem(row, "Unit title", $"differs from the title of unit {unitId} on row {unit.Row}");
            }
            if (!elements.TryGetValue(elementId, out var element))
            {
                elements[elementId] = element = new ElementRows(elementId, unitId, Required("Element title"), row);
                unit.Elements.Add(elementId);
            }
            else if (element.Unit != unitId)
            {
                problem(row, "Unit", $"element {elementId} is in unit {element.Unit} on row {element.Row}");
            }
            else if (cell("Element title") is { Length: > 0 } title && title != element.Title)
            {
                problem(row, "Element title", $"differs from the title of element {elementId} on row {element.Row}");
            }
            for (var s = 0; s < 4; s++)
            {
                var column = Columns[7 + s];
                if (cell(column) is not { Length: > 0 } section)
                {
                    continue;
                }
                if (element.Sections[s].Length > 0 && element.Sections[s] != section)
                {
                    problem(row, column, $"differs from element {elementId}'s on row {element.SectionRows[s]}: "
                        + "give it once, on any one of the element's rows");
                }
                (element.Sections[s], element.SectionRows[s]) = (section, row);
            }
            if (!RubricLoader.IsPointOf(pointId, elementId))
            {
                problem(row, "Point", $"'{pointId}' does not start with its element '{elementId}.'");
            }
            else if (points.TryGetValue(pointId, out var first))
            {
                problem(row, "Point", $"'{pointId}' is on row {first} already");
            }
            else
            {
                points[pointId] = row;
                element.Points.Add(new MarkingPoint(pointId, text, kinds));
            }
        }

        public IReadOnlyList<Unit> Units() =>
            units.Select(u => new Unit(u.Id, u.Title, u.Elements.Select(id => elements[id]).Select(e =>
                new Element(e.Id, e.Unit, e.Title, e.Sections[0], e.Sections[1], e.Sections[2], e.Sections[3],
                    e.Points)).ToList())).ToList();
    }
}
