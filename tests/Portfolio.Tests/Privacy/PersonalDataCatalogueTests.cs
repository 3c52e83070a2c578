using Dapper;
using Portfolio.Privacy;

namespace Portfolio.Tests.Privacy;

public sealed class PersonalDataCatalogueTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Every column of the schema's tables that can hold text about someone (any text, JSON, search vector, array, address
    // or bytes) or points at a person (a foreign key to people), read from PostgreSQL's own catalogue.
    const string CatalogueSql = """
        SELECT c.relname || '.' || a.attname
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_type t ON t.oid = a.atttypid
        WHERE c.relkind IN ('r', 'p') AND c.relname <> 'VersionInfo'
          AND (t.typname IN ('text', 'varchar', 'bpchar', 'json', 'jsonb', 'tsvector', 'inet', 'cidr', 'bytea', 'xml')
               OR t.typcategory = 'A'
               OR EXISTS (SELECT 1 FROM pg_constraint k
                          WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid = 'people'::regclass
                            AND a.attnum = ANY(k.conkey)))
        ORDER BY 1
        """;

    [Fact]
    public async Task Every_column_that_can_hold_a_persons_data_is_classified_for_erasure()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var columns = (await conn.QueryAsync<string>(CatalogueSql)).ToList();

        var unclassified = columns.Where(c => !PersonalData.Columns.ContainsKey(c)).ToList();

        Assert.True(columns.Count > 50, "The catalogue query found too few columns to be reading the schema.");
        Assert.True(unclassified.Count == 0,
            "Classify these columns in Portfolio.Privacy.PersonalData (and erase them in Erasure when they hold personal data): "
            + string.Join(", ", unclassified));
    }

    [Fact]
    public async Task Every_classified_column_still_exists()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var columns = (await conn.QueryAsync<string>(CatalogueSql)).ToHashSet();

        var gone = PersonalData.Columns.Keys.Where(c => !columns.Contains(c)).ToList();

        Assert.True(gone.Count == 0, "Remove from PersonalData: " + string.Join(", ", gone));
    }
}
