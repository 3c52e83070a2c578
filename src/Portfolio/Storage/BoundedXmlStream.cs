namespace Portfolio.Storage;

/// <summary>
/// The decompressed XML of an uploaded document, cut off where no real document goes: past
/// <see cref="MaxBytes"/> in all, or past <see cref="MaxMarkupGap"/> bytes without a '&lt;'. A reader holds a whole
/// tag (with its attributes) in memory, so the gap bounds the largest tag; text between tags is read in chunks.
/// A ZIP entry says how big it is, but that is the uploader's word; this counts what actually comes out.
/// </summary>
internal sealed class BoundedXmlStream(Stream inner) : Stream
{
    public const long MaxBytes = 48L * 1024 * 1024;
    public const int MaxMarkupGap = 1024 * 1024;

    private long total;
    private long sinceMarkup;

    /// <summary>Whether the stream was cut off (it then reads as ended).</summary>
    public bool LimitReached { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (LimitReached)
        {
            return 0;
        }
        int read = inner.Read(buffer[..(int)Math.Min(buffer.Length, MaxBytes - total + 1)]);
        for (int i = 0; i < read; i++)
        {
            sinceMarkup = buffer[i] == (byte)'<' ? 0 : sinceMarkup + 1;
            if (sinceMarkup > MaxMarkupGap || total + i + 1 > MaxBytes)
            {
                LimitReached = true;
                total += i;
                return i;
            }
        }
        total += read;
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => total;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
