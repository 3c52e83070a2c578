namespace Portfolio.Quality;

/// <summary>How a decision is named in forms and in the proposal: "review:12" or "signoff:3".</summary>
public readonly record struct DecisionKey(string Source, long Id)
{
    public const string Review = "review";
    public const string SignOff = "signoff";

    public override string ToString() => $"{Source}:{Id}";

    public static DecisionKey? Parse(string? text) => text?.Split(':') is [var s and (Review or SignOff), var id] && long.TryParse(id, out var n) ? new DecisionKey(s, n) : null;
}

/// <summary>
/// One assessment decision that may be sampled: a returned review of a revision (interim) or an element sign-off (summative).
/// </summary>
public sealed record Decision(DecisionKey Key, long AssessorId, string AssessorName, long CandidateId, string CandidateName, long EnrolmentId,
    string? EvidenceKind, string? ItemTitle, IReadOnlyList<string> ElementCodes, string DecisionType, DateTime DecidedAt, bool Sampled);

/// <summary>A cell of the coverage grid: decisions of one assessor touching one element, and how many are sampled.</summary>
public sealed record CoverageCell(int Decisions, int Sampled)
{
    public int Percent => Decisions == 0 ? 0 : (int)Math.Round(100.0 * Sampled / Decisions, MidpointRounding.AwayFromZero);

    /// <summary>"none", "gap" (nothing sampled), "part" (below the rate) or "met".</summary>
    public string Level(int ratePercent) => Decisions == 0 ? "none" : Sampled == 0 ? "gap" : Percent < ratePercent ? "part" : "met";
}

/// <summary>
/// How many decisions of a qualification stand behind each thing a plan covers, and how many of them are sampled,
/// keyed as the database keeps them (<c>qa_coverage</c>): "assessor:ID", "candidate:ID", "kind:KEY", "element:CODE",
/// "type:interim", and "cell:ASSESSOR:CODE" for the grid.
/// </summary>
public sealed record Coverage(IReadOnlyDictionary<string, CoverageCell> Counts)
{
    public CoverageCell this[string requirement] => Counts.TryGetValue(requirement, out var c) ? c : new CoverageCell(0, 0);

    /// <summary>The counts a list of decisions gives (every decision, sampled or not).</summary>
    public static Coverage Of(IEnumerable<Decision> decisions) => new(decisions
        .SelectMany(d => SampleProposal.Requirements(d).Select(r => (r, d.Sampled)))
        .GroupBy(x => x.r).ToDictionary(g => g.Key, g => new CoverageCell(g.Count(), g.Count(x => x.Sampled)), StringComparer.Ordinal));

    /// <summary>These counts with the proposed decisions counted as sampled.</summary>
    public Coverage With(IEnumerable<Decision> proposed)
    {
        var counts = new Dictionary<string, CoverageCell>(Counts, StringComparer.Ordinal);
        foreach (var r in proposed.SelectMany(SampleProposal.Requirements))
        {
            var c = counts.TryGetValue(r, out var now) ? now : new CoverageCell(0, 0);
            counts[r] = c with { Sampled = c.Sampled + 1 };
        }
        return new Coverage(counts);
    }
}

/// <summary>Assessors down the side, elements across the top.</summary>
public sealed record CoverageGrid(IReadOnlyList<(long Id, string Name, int Rate)> Assessors, IReadOnlyList<string> Elements, Coverage Counts)
{
    public CoverageCell this[long assessorId, string element] => Counts[$"cell:{assessorId}:{element}"];

    /// <summary>The grid of the assessors that have decisions, by name.</summary>
    public static CoverageGrid Of(Coverage counts, IReadOnlyList<(long Id, string Name)> assessors, IReadOnlyList<string> elementOrder,
        Func<long, int> rateOf) =>
        new(assessors.Where(a => counts[$"assessor:{a.Id}"].Decisions > 0).Select(a => (a.Id, a.Name, rateOf(a.Id)))
            .OrderBy(a => a.Name).ThenBy(a => a.Id).ToList(), elementOrder, counts);
}

/// <summary>
/// Proposes which decisions to sample so the plan is met: first a greedy set cover of every assessor, candidate,
/// evidence kind, element and decision type that has decisions but none sampled (as the plan asks), then each
/// assessor's decisions up to their rate, the assessors furthest from it first. Decisions already sampled count
/// towards both. At most <c>limit</c> decisions are proposed: a large centre works through its sample in batches.
/// Deterministic: ties go to the older decision.
/// </summary>
public static class SampleProposal
{
    /// <summary>The proposal from every decision of a qualification, sampled or not, with no limit.</summary>
    public static IReadOnlyList<Decision> Propose(IReadOnlyList<Decision> decisions, SamplingPlan plan) =>
        Propose(decisions.Where(d => !d.Sampled).ToList(), Coverage.Of(decisions), plan, int.MaxValue);

    /// <summary>
    /// The proposal from the open decisions that matter (at least: each assessor's oldest, and the oldest covering each
    /// uncovered requirement) and the qualification's coverage counts.
    /// </summary>
    public static IReadOnlyList<Decision> Propose(IReadOnlyList<Decision> open, Coverage coverage, SamplingPlan plan, int limit)
    {
        var ordered = open.Where(d => !d.Sampled).DistinctBy(d => d.Key).OrderBy(d => d.DecidedAt).ThenBy(d => d.Key.Source)
            .ThenBy(d => d.Key.Id).ToList();
        // Requirements numbered once, so the greedy loop counts gains over arrays (thousands of choices, up to 100 picks).
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var requirements = ordered.Select(d => Requirements(d).Where(r => Asked(r, plan))
            .Select(r => numbers.TryGetValue(r, out var n) ? n : numbers[r] = numbers.Count).ToArray()).ToArray();
        var uncovered = new bool[numbers.Count];
        var left = 0;
        foreach (var (r, n) in numbers)
        {
            if (coverage[r] is { Decisions: > 0, Sampled: 0 })
            {
                uncovered[n] = true;
                left++;
            }
        }
        var chosen = new List<Decision>();
        var taken = new HashSet<DecisionKey>();
        while (left > 0 && chosen.Count < limit)
        {
            var (best, bestGain) = (-1, 0);
            for (var i = 0; i < ordered.Count; i++)
            {
                var gain = 0;
                foreach (var n in requirements[i])
                {
                    gain += uncovered[n] ? 1 : 0;
                }
                if (gain > bestGain)
                {
                    (best, bestGain) = (i, gain);
                }
            }
            if (best < 0)
            {
                break;
            }
            chosen.Add(ordered[best]);
            taken.Add(ordered[best].Key);
            foreach (var n in requirements[best])
            {
                left -= uncovered[n] ? 1 : 0;
                uncovered[n] = false;
            }
        }
        var shortfall = ordered.Select(d => d.AssessorId).Distinct().ToDictionary(a => a, a =>
        {
            var mine = coverage[$"assessor:{a}"];
            return Target(mine.Decisions, plan.RateFor(a).RatePercent) - mine.Sampled - chosen.Count(d => d.AssessorId == a);
        });
        var queues = ordered.Where(d => !taken.Contains(d.Key)).GroupBy(d => d.AssessorId).ToDictionary(g => g.Key, g => new Queue<Decision>(g));
        // Round by round, one decision from each assessor still short of their rate, those furthest from it first.
        while (chosen.Count < limit)
        {
            var due = shortfall.Where(s => s.Value > 0 && queues.TryGetValue(s.Key, out var q) && q.Count > 0)
                .OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => s.Key).ToList();
            if (due.Count == 0)
            {
                break;
            }
            foreach (var a in due.Take(limit - chosen.Count))
            {
                chosen.Add(queues[a].Dequeue());
                shortfall[a]--;
            }
        }
        return chosen.OrderBy(d => d.DecidedAt).ThenBy(d => d.Key.Source).ThenBy(d => d.Key.Id).ToList();
    }

    /// <summary>How many of an assessor's decisions the rate asks for, rounded up.</summary>
    public static int Target(int decisions, int ratePercent) => (decisions * ratePercent + 99) / 100;

    /// <summary>What a decision covers, named as in <see cref="Coverage"/> (grid cells included).</summary>
    public static IEnumerable<string> Requirements(Decision d)
    {
        yield return $"assessor:{d.AssessorId}";
        yield return $"candidate:{d.CandidateId}";
        yield return $"type:{d.DecisionType}";
        if (d.EvidenceKind is { } kind)
        {
            yield return $"kind:{kind}";
        }
        foreach (var e in d.ElementCodes)
        {
            yield return $"element:{e}";
            yield return $"cell:{d.AssessorId}:{e}";
        }
    }

    /// <summary>Whether the plan asks every sample to cover this kind of requirement (every assessor always).</summary>
    static bool Asked(string requirement, SamplingPlan plan) => requirement[..requirement.IndexOf(':', StringComparison.Ordinal)] switch
    {
        "assessor" => true,
        "candidate" => plan.CoverCandidates,
        "kind" => plan.CoverMethods,
        "element" => plan.CoverElements,
        "type" => plan.CoverDecisionTypes,
        _ => false,
    };
}
