using Npgsql;

namespace Portfolio.Web.Hosting;

/// <summary>/healthz: 200 when the database answers, 503 when it does not.</summary>
public static class Health
{
    public static async Task<IResult> CheckAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var conn = await db.OpenConnectionAsync(timeout.Token);
            await using var cmd = new NpgsqlCommand("SELECT 1", conn);
            await cmd.ExecuteScalarAsync(timeout.Token);
            return Results.Text("ok: database answers\n", "text/plain");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return Results.Text("unavailable: database does not answer\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
