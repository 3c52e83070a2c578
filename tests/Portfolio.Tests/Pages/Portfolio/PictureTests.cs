using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ImageMagick;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>A phone's photo: shown in pages as a small upright copy without its metadata, downloaded as it was.</summary>
public sealed class PictureTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    /// <summary>
    /// A 3000 × 2000 photo taken with the phone turned a quarter to the right: the JPEG carries an EXIF block saying so
    /// (orientation 6), written by hand after the start-of-image marker as cameras write it.
    /// </summary>
    static byte[] TurnedPhoto()
    {
        using var image = new MagickImage(MagickColors.SteelBlue, 3000, 2000);
        image.Format = MagickFormat.Jpeg;
        var jpeg = image.ToByteArray();
        byte[] exif =
        [
            0xFF, 0xE1, 0x00, 0x22, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
            0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ];
        return [.. jpeg[..2], .. exif, .. jpeg[2..]];
    }

    [Fact]
    public async Task A_large_photo_is_shown_upright_at_most_1600_pixels_without_metadata_and_downloads_unchanged()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.Observation);
        var client = await app.SignedInAsync(e.Candidate);
        var photo = TurnedPhoto();

        await EvidenceTestSteps.OnViewAsync(client, id, "#photo-form", new() { ["upload"] = new FileUpload("plan.jpg", photo, "image/jpeg") });

        var view = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        var shown = await client.GetAsync(view.QuerySelector<IHtmlImageElement>("#files img")!.GetAttribute("src"));
        Assert.Equal("image/jpeg", shown.Content.Headers.ContentType!.MediaType);
        using var copy = new MagickImage(await shown.Content.ReadAsByteArrayAsync());
        Assert.Equal((1067u, 1600u), (copy.Width, copy.Height));
        Assert.Null(copy.GetExifProfile());
        var download = await client.GetAsync(view.QuerySelector("#files a")!.GetAttribute("href"));
        Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync());
    }
}
