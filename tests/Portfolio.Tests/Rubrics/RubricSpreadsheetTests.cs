using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class RubricSpreadsheetTests
{
    static SheetRow Row(int row, params string[] cells) => new(row, cells);

    static readonly SheetRow Header = Row(1, RubricSpreadsheet.Columns);

    [Fact]
    public void Every_bad_row_is_reported_with_its_row_number_and_column()
    {
        IReadOnlyList<SheetRow> rows =
        [
            Header,
            Row(2, "1", "Working with clients", "1.1", "Agree a plan", "1.1.1", "Agrees the steps", "action-plan"),
            Row(3, "1", "", "1.1", "", "1.1.1", "Twice", ""),
            Row(4, "1", "", "1.1", "", "1.2.1", "Elsewhere", ""),
            Row(5, "1", "", "1.1", "", "1.1.2", "", "interpretive dance"),
            Row(6, "2", "", "1.1", "", "1.1.3", "In another unit", ""),
        ];

        var result = RubricSpreadsheet.Read("points.csv", rows, null, RubricSpreadsheet.Example);

        Assert.Equal(
        [
            "points.csv:3: column 'Point': '1.1.1' is on row 2 already",
            "points.csv:4: column 'Point': '1.2.1' does not start with its element '1.1.'",
            "points.csv:5: column 'Point text': is empty",
            "points.csv:5: column 'Evidence': unknown evidence kind 'interpretive dance' (expected one of "
                + string.Join(", ", EvidenceKinds.All.Select(k => k.Key())) + ")",
            "points.csv:6: column 'Unit title': is empty",
            "points.csv:6: column 'Unit': element 1.1 is in unit 1 on row 2",
        ], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_csv_without_a_chosen_qualification_is_refused_with_the_reason()
    {
        var result = RubricSpreadsheet.Read("points.csv",
            [Header, Row(2, "1", "Unit", "1.1", "Element", "1.1.1", "Text", "")], null, null);

        Assert.Contains("choose the qualification it is for", Assert.Single(result.Problems).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_qualification_written_as_rows_reads_back_to_the_same_content_hash() =>
        AssertRoundTrip(RubricLoader.Load(Path.Combine(RepositoryPaths.Rubrics, "career-guidance-practice")).Qualification!);

    [Fact]
    public void Evidence_that_needs_a_witness_survives_the_round_trip_and_a_kind_no_witness_can_confirm_is_refused()
    {
        var demo = RubricLoader.Load(Path.Combine(RepositoryPaths.Rubrics, "career-guidance-practice")).Qualification!;
        AssertRoundTrip(demo with { WitnessRequired = [EvidenceKind.WitnessTestimony, EvidenceKind.Observation] });

        var result = RubricSpreadsheet.Read("demo.xlsx", [Header, Row(2, "1", "Unit", "1.1", "Element", "1.1.1", "Text", "")],
            [Row(1, "Code", "Q1"), Row(2, "Title", "A title"), Row(3, "Level", "4"), Row(4, "Awarding organisation", "AO"),
             Row(5, "Witness required", "observation, reflective account")], null);

        Assert.Contains("demo.xlsx (Qualification):5: 'Witness required': witness_required lists 'reflective-account'",
            Assert.Single(result.Problems).ToString(), StringComparison.Ordinal);
    }

    static void AssertRoundTrip(Qualification demo)
    {
        var points = RubricSpreadsheet.PointRows(demo)
            .Select((r, i) => Row(i + 2, r.Select(v => v.Text ?? "").ToArray()));
        var qualification = RubricSpreadsheet.QualificationRows(demo)
            .Select((r, i) => Row(i + 1, r.Select(v => v.Text ?? (v.Kind == Portfolio.Export.ExportValueKind.Number
                ? v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")).ToArray()));

        var result = RubricSpreadsheet.Read("demo.xlsx", [Header, .. points], [.. qualification], null);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(demo.ContentHash(), result.Qualification!.ContentHash());
    }
}
