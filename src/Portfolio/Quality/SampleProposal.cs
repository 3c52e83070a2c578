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

/// <summary>Assessors down the side, elements across the top.</summary>
public sealed record CoverageGrid(IReadOnlyList<(long Id, string Name, int Rate)> Assessors, IReadOnlyList<string> Elements, IReadOnlyDictionary<(long, string), CoverageCell> Cells)
{
    public CoverageCell this[long assessorId, string element] => Cells.TryGetValue((assessorId, element), out var c) ? c : new CoverageCell(0, 0);

    public static CoverageGrid Of(IReadOnlyList<Decision> decisions, ISet<DecisionKey> sampled, IReadOnlyList<string> elementOrder, Func<long, int> rateOf)
    {
        var assessors = decisions.GroupBy(d => d.AssessorId).Select(g => (g.Key, g.First().AssessorName, rateOf(g.Key))).OrderBy(a => a.AssessorName).ThenBy(a => a.Key).ToList();
        var cells = decisions.SelectMany(d => d.ElementCodes.Select(e => (d, e)))
            .GroupBy(x => (x.d.AssessorId, x.e))
            .ToDictionary(g => g.Key, g => new CoverageCell(g.Count(), g.Count(x => sampled.Contains(x.d.Key))));
        return new CoverageGrid(assessors, elementOrder, cells);
    }
}

/// <summary>
/// Proposes which decisions to sample so the plan is met: first a greedy set cover of every assessor, candidate,
/// evidence kind, element and decision type that has decisions (as the plan asks), then each assessor's decisions
/// up to their rate. Decisions already sampled count towards both. Deterministic: ties go to the older decision.
/// </summary>
public static class SampleProposal
{
    public static IReadOnlyList<Decision> Propose(IReadOnlyList<Decision> decisions, SamplingPlan plan)
    {
        var ordered = decisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.Key.Source).ThenBy(d => d.Key.Id).ToList();
        var uncovered = ordered.SelectMany(d => Requirements(d, plan)).ToHashSet();
        foreach (var done in ordered.Where(d => d.Sampled))
        {
            uncovered.ExceptWith(Requirements(done, plan));
        }
        var chosen = new List<Decision>();
        var open = ordered.Where(d => !d.Sampled).ToList();
        while (uncovered.Count > 0)
        {
            var best = open.Select(d => (d, gain: Requirements(d, plan).Count(uncovered.Contains))).Where(x => x.gain > 0)
                .OrderByDescending(x => x.gain).Select(x => x.d).FirstOrDefault();
            if (best is null)
            {
                break;
            }
            chosen.Add(best);
            open.Remove(best);
            uncovered.ExceptWith(Requirements(best, plan));
        }
        foreach (var mine in ordered.GroupBy(d => d.AssessorId))
        {
            var target = Target(mine.Count(), plan.RateFor(mine.Key).RatePercent);
            var have = mine.Count(d => d.Sampled) + chosen.Count(d => d.AssessorId == mine.Key);
            chosen.AddRange(open.Where(d => d.AssessorId == mine.Key).Take(Math.Max(0, target - have)));
        }
        return chosen.OrderBy(d => d.DecidedAt).ThenBy(d => d.Key.Source).ThenBy(d => d.Key.Id).ToList();
    }

    /// <summary>How many of an assessor's decisions the rate asks for, rounded up.</summary>
    public static int Target(int decisions, int ratePercent) => (decisions * ratePercent + 99) / 100;

    static IEnumerable<string> Requirements(Decision d, SamplingPlan plan)
    {
        yield return $"assessor:{d.AssessorId}";
        if (plan.CoverCandidates)
        {
            yield return $"candidate:{d.CandidateId}";
        }
        if (plan.CoverMethods && d.EvidenceKind is { } kind)
        {
            yield return $"kind:{kind}";
        }
        if (plan.CoverElements)
        {
            foreach (var e in d.ElementCodes)
            {
                yield return $"element:{e}";
            }
        }
        if (plan.CoverDecisionTypes)
        {
            yield return $"type:{d.DecisionType}";
        }
    }
}
