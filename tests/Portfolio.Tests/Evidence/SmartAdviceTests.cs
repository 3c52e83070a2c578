using Portfolio.Evidence;

namespace Portfolio.Tests.Evidence;

public sealed class SmartAdviceTests
{
    private static readonly DateOnly May = new(2026, 5, 15);

    private static ActionPlanStep GoodStep(string action = "Send 3 applications to local colleges") =>
        new("Client", action, May, "College websites", "Childcare on Tuesdays", "Ask a friend to cover", "3 applications sent");

    private static ActionPlan GoodPlan(params ActionPlanStep[] steps) =>
        new(steps.Length == 0 ? [GoodStep()] : steps, May.AddDays(14), "Phone call", May.AddDays(-7));

    [Fact]
    public void A_well_made_plan_gets_no_advice() => Assert.Empty(SmartAdvice.ForActionPlan(GoodPlan()));

    [Fact]
    public void A_step_with_no_owner_date_or_measure_is_flagged_for_that_step()
    {
        var plan = GoodPlan(GoodStep(), new ActionPlanStep(null, "Update CV with volunteering", null, Barriers: "Time", Contingency: "Evenings"));

        IReadOnlyList<Advice> advice = SmartAdvice.ForActionPlan(plan);

        Assert.Contains(advice, a => a is { Code: AdviceCode.NoOwner, StepNumber: 2 });
        Assert.Contains(advice, a => a is { Code: AdviceCode.NoDate, StepNumber: 2 });
        Assert.Contains(advice, a => a is { Code: AdviceCode.NoMeasure, StepNumber: 2 });
        Assert.DoesNotContain(advice, a => a.StepNumber == 1);
    }

    [Theory]
    [InlineData("Look into apprenticeships")]
    [InlineData("Think about going back to college")]
    [InlineData("Consider volunteering")]
    [InlineData("Explore options after Year 11")]
    [InlineData("Try to get work experience")]
    [InlineData("Research jobs")]
    public void Vague_wording_is_flagged(string action)
    {
        IReadOnlyList<Advice> advice = SmartAdvice.ForActionPlan(GoodPlan(GoodStep(action)));

        Advice vague = Assert.Single(advice, a => a.Code == AdviceCode.VagueWording);
        Assert.Equal(1, vague.StepNumber);
    }

    [Theory]
    [InlineData("Research three apprenticeship providers on the council website and list their entry requirements")]
    [InlineData("Book a place on the open day")]
    public void Specific_wording_is_not_flagged(string action) =>
        Assert.DoesNotContain(SmartAdvice.ForActionPlan(GoodPlan(GoodStep(action))), a => a.Code == AdviceCode.VagueWording);

    [Fact]
    public void A_measure_that_cannot_be_checked_is_flagged()
    {
        var step = GoodStep() with { Measure = "Feel more confident" };

        Assert.Contains(SmartAdvice.ForActionPlan(GoodPlan(step)), a => a is { Code: AdviceCode.MeasureNotObservable, StepNumber: 1 });
    }

    [Fact]
    public void Plan_level_gaps_are_flagged_without_a_step_number()
    {
        var plan = new ActionPlan([GoodStep() with { Barriers = null, Contingency = null }], null, null, null);

        IReadOnlyList<Advice> advice = SmartAdvice.ForActionPlan(plan);

        Assert.Contains(advice, a => a is { Code: AdviceCode.NoReviewDate, StepNumber: null });
        Assert.Contains(advice, a => a is { Code: AdviceCode.NoClientAgreement, StepNumber: null });
        Assert.Contains(advice, a => a is { Code: AdviceCode.NoBarriersConsidered, StepNumber: null });
    }

    [Fact]
    public void A_barrier_without_a_plan_b_is_flagged()
    {
        var step = GoodStep() with { Contingency = null };

        Assert.Contains(SmartAdvice.ForActionPlan(GoodPlan(step)), a => a is { Code: AdviceCode.NoContingency, StepNumber: 1 });
    }

    [Fact]
    public void More_than_five_steps_is_flagged_once()
    {
        var plan = GoodPlan(Enumerable.Range(0, 6).Select(_ => GoodStep()).ToArray());

        Assert.Single(SmartAdvice.ForActionPlan(plan), a => a.Code == AdviceCode.TooManySteps);
        Assert.Empty(SmartAdvice.ForActionPlan(GoodPlan(Enumerable.Range(0, 5).Select(_ => GoodStep()).ToArray())));
    }

    [Fact]
    public void Advice_never_speaks_of_failing()
    {
        var plan = new ActionPlan([new ActionPlanStep(null, "think about it", null, Barriers: "money"), .. Enumerable.Repeat(new ActionPlanStep(null, null, null), 6)], null, null, null);

        Assert.All(SmartAdvice.ForActionPlan(plan), a => Assert.DoesNotContain("fail", a.Message, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_well_made_development_plan_gets_no_advice()
    {
        var plan = new DevelopmentPlan(
            [new DevelopmentObjective("Complete the level 4 safeguarding course", "Work safely with young clients", "Book the course; read the policy", "Certificate received", May)],
            May.AddMonths(3), "Supervision meeting");

        Assert.Empty(SmartAdvice.ForDevelopmentPlan(plan));
    }

    [Fact]
    public void Development_objective_gaps_are_flagged()
    {
        var plan = new DevelopmentPlan([new DevelopmentObjective("Think about my questioning skills", null, null, "Get better", null)], null, null);

        IReadOnlyList<Advice> advice = SmartAdvice.ForDevelopmentPlan(plan);

        string[] codes = advice.Select(a => a.Code).ToArray();
        Assert.Contains(AdviceCode.VagueWording, codes);
        Assert.Contains(AdviceCode.NoLinkedAim, codes);
        Assert.Contains(AdviceCode.NoActivities, codes);
        Assert.Contains(AdviceCode.NoDate, codes);
        Assert.Contains(AdviceCode.MeasureNotObservable, codes);
        Assert.Contains(AdviceCode.NoReviewDate, codes);
    }
}
