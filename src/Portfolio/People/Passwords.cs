using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Portfolio.People;

/// <summary>Hashes and checks passwords with ASP.NET Core Identity's PBKDF2 hasher at a raised work factor.</summary>
public static class Passwords
{
    public const int Iterations = 220_000;
    public const int MinimumLength = 10;

    static readonly PasswordHasher<object> Hasher =
        new(Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));

    // A real hash to check against when the email is unknown, so a wrong email costs as long as a wrong password.
    static readonly Lazy<string> Decoy = new(() => Hasher.HashPassword(new object(), Guid.NewGuid().ToString()));

    public static string Hash(string password) => Hasher.HashPassword(new object(), password);

    /// <summary>Whether the password matches, and whether the stored hash should be upgraded.</summary>
    public static (bool Matches, bool NeedsRehash) Verify(string hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(new object(), hash, password);
        return (result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
    }

    public static void SpendDecoyTime(string password) => Hasher.VerifyHashedPassword(new object(), Decoy.Value, password);

    /// <summary>Why a new password is not acceptable, or null when it is.</summary>
    public static string? Weakness(string? password, string? email)
    {
        if (password is null || password.Length < MinimumLength)
        {
            return $"Password must be at least {MinimumLength} characters: three random words work well";
        }
        if (email is not null && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase))
        {
            return "Password must not contain your email name";
        }
        return null;
    }
}
