namespace Portfolio.Text;

public enum LineChange { Same, Added, Removed }

public sealed record DiffLine(LineChange Change, string Text);

/// <summary>What changed between two texts, line by line (longest common subsequence), for reading revisions side by side.</summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffLine> Lines(string older, string newer)
    {
        var a = older.ReplaceLineEndings("\n").Split('\n');
        var b = newer.ReplaceLineEndings("\n").Split('\n');
        // Evidence texts are at most a few thousand lines; the table is bounded to keep a pathological pair cheap.
        if ((long)a.Length * b.Length > 4_000_000)
        {
            return [.. a.Select(l => new DiffLine(LineChange.Removed, l)), .. b.Select(l => new DiffLine(LineChange.Added, l))];
        }
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var result = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                result.Add(new DiffLine(LineChange.Same, a[x++]));
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                result.Add(new DiffLine(LineChange.Removed, a[x++]));
            }
            else
            {
                result.Add(new DiffLine(LineChange.Added, b[y++]));
            }
        }
        result.AddRange(a[x..].Select(l => new DiffLine(LineChange.Removed, l)));
        result.AddRange(b[y..].Select(l => new DiffLine(LineChange.Added, l)));
        return result;
    }
}
