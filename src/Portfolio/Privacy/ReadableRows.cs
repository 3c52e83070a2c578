using System.Text;
using System.Text.Json;
using Portfolio.Export;

namespace Portfolio.Privacy;

/// <summary>A JSON array of records as an HTML table a person can read: one row per record, one column per field.</summary>
public static class ReadableRows
{
    public static void Append(StringBuilder html, string jsonArray)
    {
        using var doc = JsonDocument.Parse(jsonArray);
        var rows = doc.RootElement.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).ToList();
        if (rows.Count == 0)
        {
            html.Append("<p>None.</p>");
            return;
        }
        var fields = rows.SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        html.Append("<table><tr>");
        foreach (var field in fields)
        {
            html.Append($"<th>{PortfolioArchive.E(field)}</th>");
        }
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var field in fields)
            {
                var text = row.TryGetProperty(field, out var value) ? Text(value) : "";
                html.Append($"<td>{PortfolioArchive.E(text)}</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table>");
    }

    static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
