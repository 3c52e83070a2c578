using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Portfolio.Web.Hosting;

/// <summary>Keeps data-protection keys in PostgreSQL so every web node can read every node's cookies.</summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource db) : IXmlRepository
{
    const string AllSql = "SELECT xml FROM data_protection_keys ORDER BY id";
    const string InsertSql = "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@friendlyName, @xml)";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = db.OpenConnection();
        return conn.Query<string>(AllSql).Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var conn = db.OpenConnection();
        conn.Execute(InsertSql, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
