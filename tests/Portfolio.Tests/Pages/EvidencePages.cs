using Microsoft.Playwright;

namespace Portfolio.Tests.Pages;

/// <summary>Starting a piece of evidence: title and kind.</summary>
public sealed class CreateEvidencePage(IPage page)
{
    public Task OpenAsync() => page.GotoAsync("/Portfolio/Evidence/Create");

    /// <summary>Starts an item of a kind (its key, e.g. "other-document") and lands on its edit page.</summary>
    public async Task<EditEvidencePage> StartAsync(string title, string kindKey)
    {
        await page.FillAsync("#Input_Title", title);
        await page.CheckAsync($"#kind-{kindKey}");
        await page.ClickAsync("#create-evidence");
        await page.WaitForURLAsync("**/Portfolio/Evidence/Edit?id=*");
        return new EditEvidencePage(page);
    }
}

/// <summary>Writing the draft: the notes with their live preview, and Save.</summary>
public sealed class EditEvidencePage(IPage page)
{
    public ILocator Notes => page.Locator("#Input_Content_Notes");
    public ILocator Preview => page.Locator("#notes-preview");
    public ILocator PreviewLabel => page.Locator("#notes-preview .app-markdown-preview__label");

    public long Id => long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["id"]!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Types like a person (one input event per key), so the preview's debounce is exercised.</summary>
    public Task TypeNotesAsync(string text) => Notes.PressSequentiallyAsync(text);

    /// <summary>The "What will be done" box of a step, numbered from 1 as on the page.</summary>
    public ILocator StepAction(int number) => page.Locator($"#step-{number} input[name='Input.Content.Steps[{number - 1}].Action']");

    public Task AddStepAsync() => page.ClickAsync("#add-step");

    public async Task SaveAsync()
    {
        await page.ClickAsync("#save");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}

/// <summary>One revision of an item: its text, annotations, files and the annotate and upload forms.</summary>
public sealed class ViewEvidencePage(IPage page)
{
    public async Task OpenAsync(long id)
    {
        await page.GotoAsync($"/Portfolio/Evidence/View?id={id}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator EvidenceText => page.Locator("#evidence-text");
    public ILocator Highlights => page.Locator("#evidence-text mark.app-annotation");
    public ILocator Annotations => page.Locator("#annotations > li");
    public ILocator SelectedAnnotation => page.Locator("#annotations > li.app-annotation-list__item--selected");
    public ILocator Quote => page.Locator("#Annotation_Quote");
    public ILocator Start => page.Locator("#Annotation_Start");
    public ILocator End => page.Locator("#Annotation_End");
    public ILocator FileSha256 => page.Locator("#Annotation_FileSha256");
    public ILocator Comment => page.Locator("#Annotation_Comment");
    public ILocator AnnotateStatus => page.Locator("#annotate-form .app-annotate-status");
    public ILocator RegionFields => page.Locator("#region-fields");
    public ILocator Region(string edge) => page.Locator($"#Annotation_{edge}");
    public ILocator Picture => page.Locator(".app-image-annotations img").First;
    public ILocator Files => page.Locator("#files");
    public ILocator Status => page.Locator("#status");
    public ILocator ErrorSummary => page.Locator("#error-summary");
    public ILocator UploadError => page.Locator("#upload-error");
    public ILocator UploadInput => page.Locator("#upload");

    /// <summary>The extracted text of an uploaded file (inside its details, opened first).</summary>
    public async Task<ILocator> OpenFileTextAsync(string displayName)
    {
        await page.Locator("#files summary", new PageLocatorOptions { HasText = $"Text of {displayName}" }).ClickAsync();
        return page.Locator("#files li", new PageLocatorOptions { HasText = displayName }).Locator(".app-evidence__text[data-file]");
    }

    /// <summary>Selects from the start of <paramref name="from"/> to the end of <paramref name="to"/>, across any markup between, ending with mouseup.</summary>
    public Task SelectBetweenAsync(string from, string to) => page.EvaluateAsync("""
        ([from, to]) => {
          const container = document.querySelector('#evidence-text');
          const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          let started = false;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!started && node.data.includes(from)) {
              range.setStart(node, node.data.indexOf(from));
              started = true;
            }
            if (started && node.data.includes(to)) {
              range.setEnd(node, node.data.indexOf(to) + to.length);
              const selection = document.getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
              node.parentElement.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
              return;
            }
          }
          throw new Error('Not in the text: ' + from + ' … ' + to);
        }
        """, new[] { from, to });

    /// <summary>Selects the first occurrence of <paramref name="words"/> in the evidence text (or a file's text) as a mouse would, ending with mouseup.</summary>
    public Task SelectPassageAsync(string words, string container = "#evidence-text") => page.EvaluateAsync("""
        ([words, selector]) => {
          const container = document.querySelector(selector);
          const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(words);
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + words.length);
              const selection = document.getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
              node.parentElement.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
              return;
            }
          }
          throw new Error('Not in the text: ' + words);
        }
        """, new[] { words, container });

    /// <summary>Ticks the first marking point offered (opening its element's details) and returns its code.</summary>
    public async Task<string> TickFirstMarkingPointAsync()
    {
        await page.Locator("#Annotation_PointIds summary").First.ClickAsync();
        var box = page.Locator("#Annotation_PointIds input[type=checkbox]").First;
        await box.CheckAsync();
        return (await page.Locator($"label[for='{await box.GetAttributeAsync("id")}'] strong").TextContentAsync())!;
    }

    public async Task AddAnnotationAsync()
    {
        await page.ClickAsync("#annotate");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator UploadProgressText => page.Locator("#upload-progress-text");

    public Task CancelUploadAsync() => page.ClickAsync("#upload-cancel");

    /// <summary>Chooses a file and presses Upload; the page's script sends it (no navigation).</summary>
    public async Task UploadAsync(string name, string mimeType, byte[] bytes)
    {
        await UploadInput.SetInputFilesAsync(new FilePayload { Name = name, MimeType = mimeType, Buffer = bytes });
        await page.ClickAsync("#upload-submit");
    }

    /// <summary>Drags a box on the first picture, from and to points given in percent of the picture.</summary>
    public async Task DrawRegionAsync(double fromX, double fromY, double toX, double toY)
    {
        await Picture.ScrollIntoViewIfNeededAsync();
        var box = (await Picture.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync((float)(box.X + box.Width * fromX / 100), (float)(box.Y + box.Height * fromY / 100));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(box.X + box.Width * (fromX + toX) / 200), (float)(box.Y + box.Height * (fromY + toY) / 200), new MouseMoveOptions { Steps = 3 });
        await page.Mouse.MoveAsync((float)(box.X + box.Width * toX / 100), (float)(box.Y + box.Height * toY / 100), new MouseMoveOptions { Steps = 3 });
        await page.Mouse.UpAsync();
    }
}

/// <summary>The suggestions panel of the evidence view (candidate) or of the review (assessor).</summary>
public sealed class SuggestionsPanel(IPage page)
{
    public ILocator Status => page.Locator("#suggestions-status");
    public ILocator All => page.Locator("#suggestions .app-suggestion");
    public ILocator For(string pointCode) => page.Locator($"#suggestions [data-point='{pointCode}']");
    public ILocator QuoteFor(string pointCode) => For(pointCode).Locator("blockquote mark");

    /// <summary>Claims the point with its passage (candidate).</summary>
    public async Task AcceptAsync(string pointCode)
    {
        await page.ClickAsync(ById.Of($"accept-{pointCode}"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Hides the suggestion for this item (candidate).</summary>
    public async Task DismissAsync(string pointCode)
    {
        await page.ClickAsync(ById.Of($"dismiss-{pointCode}"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Opens the judgement form with the point chosen to add (assessor).</summary>
    public async Task AddAsync(string pointCode)
    {
        await page.ClickAsync(ById.Of($"add-suggested-{pointCode}"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
