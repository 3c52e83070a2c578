using Portfolio.Rubrics;
using Portfolio.Suggestions;

namespace Portfolio.Tests.Suggestions;

public sealed class SuggestionScorerTests
{
    static float[] Unit(params float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    static PointVector Point(long id, params float[] v) => new(id, $"1.{id}", [], Unit(v));

    [Fact]
    public void Each_point_quotes_the_sentence_that_shows_it_rather_than_one_sentence_close_to_every_point()
    {
        // The first sentence touches the whole task: a little closer to both points than the sentence that shows each.
        var passages = new[]
        {
            new Passage(null, 0, 10, "She agreed the plan can be shared with her work coach."),
            new Passage(null, 11, 20, "We booked a review in two weeks."),
            new Passage(null, 21, 30, "We broke her goal into steps."),
        };
        var vectors = new[] { Unit(0, 1, 1), Unit(1.1f, 1, 0), Unit(1.1f, 0, 1) };
        var points = new[] { Point(1, 0, 1, 0), Point(2, 0, 0, 1) };

        var scored = SuggestionScorer.Score(passages, vectors, points, EvidenceKind.OtherDocument,
            SuggestionScorer.Calibrated with { Possible = 0 });

        Assert.Equal("We booked a review in two weeks.", scored.Single(s => s.PointId == 1).Passage.Text);
        Assert.Equal("We broke her goal into steps.", scored.Single(s => s.PointId == 2).Passage.Text);
    }

    [Fact]
    public void A_sentence_much_less_like_the_point_is_not_quoted_however_particular_to_it()
    {
        var passages = new[]
        {
            new Passage(null, 0, 10, "We booked a review of the plan in two weeks."),
            new Passage(null, 11, 20, "We talked about reviewing things."),
        };
        var vectors = new[] { Unit(1, 1, 0), Unit(0, 0.6f, 1) };
        var points = new[] { Point(1, 0, 1, 0), Point(2, 1, 0, 0) };

        var scored = SuggestionScorer.Score(passages, vectors, points, EvidenceKind.OtherDocument,
            SuggestionScorer.Calibrated with { Possible = -10 });

        Assert.Equal("We booked a review of the plan in two weeks.", scored.Single(s => s.PointId == 1).Passage.Text);
    }
}
