using ImageMagick;

namespace Portfolio.Storage;

/// <summary>
/// Pictures as pages show them: a JPEG no larger than <see cref="DisplayEdge"/> pixels on its longer side, turned
/// upright and without the camera's metadata (which can hold where the photo was taken), made once from the stored
/// original and kept beside it under display/. A phone's 12-megapixel photo of a handwritten plan is several
/// megabytes; its display copy is a few hundred kilobytes. Downloads are always the original. A copy is only ever
/// derived from an original, so a restored or moved file store simply makes them again.
/// </summary>
public sealed partial class FileStore
{
    public const int DisplayEdge = 1600;

    // A picture larger than this (width × height) is not decoded at all: the original is shown as it is.
    const long MaxDecodedPixels = 80_000_000;

    const string DisplayFolder = "display";

    string DisplayPathOf(string sha256) => Path.Combine(root, DisplayFolder, sha256[..2], sha256 + ".jpg");

    /// <summary>
    /// The picture's display copy, made now if it has none; null when the stored file is not a picture this can read
    /// (the page then shows the original).
    /// </summary>
    public Stream? OpenDisplayCopy(string sha256)
    {
        if (!Exists(sha256))
        {
            return null;
        }
        var path = DisplayPathOf(sha256);
        if (!File.Exists(path) && !MakeDisplayCopy(sha256))
        {
            return null;
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
    }

    /// <summary>Makes the display copy of a stored picture; false when it cannot be read as one.</summary>
    public bool MakeDisplayCopy(string sha256)
    {
        var path = DisplayPathOf(sha256);
        var temp = Path.Combine(root, TempFolder, $"{sha256}.{Guid.NewGuid():N}.jpg");
        try
        {
            var info = new MagickImageInfo(PathOf(sha256));
            if ((long)info.Width * info.Height > MaxDecodedPixels)
            {
                return false;
            }
            using var image = new MagickImage(PathOf(sha256));
            image.AutoOrient();
            image.Strip();
            if (image.Width > DisplayEdge || image.Height > DisplayEdge)
            {
                image.Resize(new MagickGeometry(DisplayEdge, DisplayEdge));
            }
            image.ColorAlpha(MagickColors.White);
            image.Quality = 82;
            image.Format = MagickFormat.Jpeg;
            Directory.CreateDirectory(Path.Combine(root, TempFolder));
            image.Write(temp);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (MagickException)
        {
            TryDelete(temp);
            return false;
        }
    }

    void DeleteDisplayCopy(string sha256) => TryDelete(DisplayPathOf(sha256));
}
