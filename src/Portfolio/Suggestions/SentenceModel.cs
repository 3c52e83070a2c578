using SentenceTransformers;

namespace Portfolio.Suggestions;

/// <summary>
/// The sentence-embedding model that runs inside the server (all-MiniLM-L6-v2 on ONNX Runtime, carried inside its
/// package: nothing is downloaded and nothing leaves the machine). Loaded on first use, once per process; a model that
/// cannot load is remembered with the reason, and suggestions are then off until the process restarts.
/// </summary>
public sealed class SentenceModel
{
    public const string Name = "all-MiniLM-L6-v2";

    // One thread: the worker shares the machine with page requests, and one thread spends the least CPU per item.
    static readonly Lazy<SentenceModel> Shared = new(() => new SentenceModel(() => new MiniLmEncoder(threads: 1)));

    /// <summary>The one model of this process.</summary>
    public static SentenceModel Local => Shared.Value;

    readonly Lazy<(ISentenceEncoder? Encoder, string? Failure)> loaded;

    /// <param name="load">Makes the encoder; an exception from it becomes <see cref="Failure"/>.</param>
    public SentenceModel(Func<ISentenceEncoder> load) =>
        loaded = new(() =>
        {
            try
            {
                return (load(), null);
            }
            catch (Exception e)
            {
                return (null, $"{e.GetType().Name}: {e.Message}");
            }
        }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A model that never loads, with the reason: what the site uses when suggestions are configured off.</summary>
    public static SentenceModel Unavailable(string reason) => new(() => throw new InvalidOperationException(reason));

    /// <summary>Why the model could not be loaded; null while it loads fine or has not been asked for yet.</summary>
    public string? Failure => loaded.IsValueCreated ? loaded.Value.Failure : null;

    /// <summary>True once the model has loaded (never while it has not been asked for, or could not load).</summary>
    public bool IsLoaded => loaded.IsValueCreated && loaded.Value.Encoder is not null;

    /// <summary>Loads the model now if it is not yet loaded; true when it is ready.</summary>
    public bool TryLoad() => loaded.Value.Encoder is not null;

    /// <summary>One unit-length 384-number vector per text (so a dot product is the cosine); null when the model could not load.</summary>
    public float[][]? Encode(IReadOnlyList<string> texts, CancellationToken ct = default)
    {
        if (loaded.Value.Encoder is not { } encoder)
        {
            return null;
        }
        // Batches of sentences of like length: a batch is padded to its longest sentence, so mixing a heading with a
        // paragraph would cost the paragraph's length for both.
        var result = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        foreach (var batch in order.Chunk(Batch))
        {
            var vectors = encoder.Encode([.. batch.Select(i => texts[i])], ct);
            for (var j = 0; j < batch.Length; j++)
            {
                result[batch[j]] = vectors[j];
            }
        }
        return result;
    }

    const int Batch = 16;

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
