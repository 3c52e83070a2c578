using System.Net.Sockets;
using Npgsql;

namespace Portfolio.Database;

/// <summary>
/// Errors after which an idempotent read may simply be tried again: the connection was broken (a server restart or
/// failover ends pooled connections with 57P01, which Npgsql does not always call transient) or timed out.
/// Pools are cleared before the retry so it gets a fresh connection.
/// </summary>
public static class TransientReads
{
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.SqlState is "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006" || p.IsTransient,
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or SocketException,
        IOException or SocketException or TimeoutException => true,
        _ when e.InnerException is not null => IsTransient(e.InnerException),
        _ => false,
    };

    /// <summary>Runs a read, and once more on a fresh connection if it failed transiently.</summary>
    public static async Task<T> RetryOnceAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (IsTransient(e))
        {
            NpgsqlConnection.ClearAllPools();
            return await read();
        }
    }
}
