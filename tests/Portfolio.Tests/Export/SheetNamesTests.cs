using Portfolio.Export;

namespace Portfolio.Tests.Export;

public sealed class SheetNamesTests
{
    [Theory]
    [InlineData("Jo Bloggs: unit 3/4 [draft]?", "Jo Bloggs  unit 3 4  draft")]
    [InlineData("'quoted'", "quoted")]
    [InlineData("", "Sheet")]
    [InlineData("history", "History sheet")]
    [InlineData("A name that is far longer than thirty-one characters", "A name that is far longer than")]
    public void Names_are_cleaned_to_what_Excel_accepts(string wanted, string expected) =>
        Assert.Equal(expected, new SheetNames().Claim(wanted));

    [Fact]
    public void A_repeated_name_gets_a_number()
    {
        var names = new SheetNames();

        Assert.Equal(["Matrix", "Matrix (2)", "matrix (3)"], new[] { names.Claim("Matrix"), names.Claim("Matrix"), names.Claim("matrix") });
    }
}
