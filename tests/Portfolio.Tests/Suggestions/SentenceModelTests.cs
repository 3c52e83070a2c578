using Portfolio.Suggestions;

namespace Portfolio.Tests.Suggestions;

/// <summary>The process's one sentence model (loaded once, shared with every other test that needs it).</summary>
public sealed class SentenceModelTests
{
    const string Short = "I agreed a review date with the client.";

    static string Words(int from, int count) =>
        string.Join(' ', Enumerable.Range(from, count).Select(i => $"step{i % 10} client{i % 7} plan"));

    [Fact]
    public void Words_past_the_tokens_the_model_was_trained_on_do_not_change_a_sentences_vector()
    {
        var opening = Words(0, 60);

        var vectors = SentenceModel.Local.Encode([opening, opening + " " + Words(500, 60)])!;

        Assert.Equal(1f, SentenceModel.Cosine(vectors[0], vectors[1]), 4);
    }

    [Fact]
    public void A_sentence_encoded_beside_longer_ones_gets_the_vector_it_gets_alone_and_of_unit_length()
    {
        var alone = SentenceModel.Local.Encode([Short])![0];

        var beside = SentenceModel.Local.Encode([Words(0, 30), Short, Words(40, 10)])![1];

        Assert.Equal(1f, SentenceModel.Cosine(alone, beside), 4);
        Assert.Equal(1f, SentenceModel.Cosine(beside, beside), 4);
    }

    [Fact]
    public void A_model_whose_loading_throws_encodes_nothing_and_keeps_the_reason()
    {
        var broken = new SentenceModel(() => throw new DllNotFoundException("libonnxruntime.so is missing"));

        Assert.Null(broken.Encode([Short]));
        Assert.False(broken.TryLoad());
        Assert.False(broken.IsLoaded);
        Assert.Equal("DllNotFoundException: libonnxruntime.so is missing", broken.Failure);
    }
}
