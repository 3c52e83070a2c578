using Npgsql;
using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Database;

/// <summary>
/// The site's connection defaults apply to a configured connection string as to the embedded one, unless the string
/// names the setting itself (a pooler in transaction mode needs Max Auto Prepare=0, for example).
/// </summary>
public sealed class ConnectionSettingsTests
{
    [Fact]
    public void A_configured_string_without_them_gets_prepared_statements_no_reset_and_the_session_settings()
    {
        var built = new NpgsqlConnectionStringBuilder(PortfolioDatabase.WithSiteDefaults("Host=db.example;Database=portfolio;Username=site"));

        Assert.Equal(20, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal(PortfolioDatabase.SessionSettings, built.Options);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0;No Reset On Close=false;Options=-c jit=on")]
    [InlineData("MaxAutoPrepare=0;NoResetOnClose=false;Options=-c jit=on")]
    public void Settings_the_configured_string_names_are_kept(string own)
    {
        var built = new NpgsqlConnectionStringBuilder(PortfolioDatabase.WithSiteDefaults($"Host=db.example;Database=portfolio;{own}"));

        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
        Assert.Equal("-c jit=on", built.Options);
    }
}
