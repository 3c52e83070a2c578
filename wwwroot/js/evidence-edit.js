// Evidence edit page: live Markdown preview of the notes.
// Without this script the "Preview notes" button posts the form and the page shows the preview;
// with it, the preview follows the typing. The HTML comes from the page's PreviewFragment handler,
// i.e. the site's one Markdown renderer (raw HTML off, sanitized), never from a renderer in the browser.

const DELAY_MS = 300;

for (const panel of document.querySelectorAll('.app-markdown-preview[data-preview-for]')) {
  const source = document.getElementById(panel.dataset.previewFor);
  const form = source?.form;
  if (!source || !form) {
    continue;
  }
  livePreview(panel, source, form);
}

function livePreview(panel, source, form) {
  const token = form.querySelector('input[name="__RequestVerificationToken"]');
  const url = new URL(form.action, document.baseURI);
  url.searchParams.set('handler', 'PreviewFragment');
  let timer = 0;
  let inFlight = null;
  let shown = null;

  panel.hidden = false;

  async function render() {
    const markdown = source.value;
    if (markdown === shown) {
      return;
    }
    inFlight?.abort();
    const request = new AbortController();
    inFlight = request;
    const body = new FormData();
    body.append('markdown', markdown);
    if (token) {
      body.append('__RequestVerificationToken', token.value);
    }
    try {
      const response = await fetch(url, { method: 'POST', body, signal: request.signal, credentials: 'same-origin' });
      if (!response.ok) {
        return; // Keep the last good preview; saving still works.
      }
      const html = await response.text();
      if (request.signal.aborted) {
        return;
      }
      replacePreview(panel, html);
      shown = markdown;
    } catch (error) {
      if (error.name !== 'AbortError') {
        shown = null; // Network trouble: try again on the next keystroke.
      }
    } finally {
      if (inFlight === request) {
        inFlight = null;
      }
    }
  }

  source.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(render, DELAY_MS);
  });
  shown = source.value; // The server rendered the panel's content from this text.
}

// Everything in the panel except its label is replaced. DOMParser never runs scripts, and the
// fragment is already sanitized on the server; this is a second line, not the first.
function replacePreview(panel, html) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const node of [...panel.childNodes]) {
    if (!(node instanceof Element && node.classList.contains('app-markdown-preview__label'))) {
      node.remove();
    }
  }
  for (const node of [...parsed.body.childNodes]) {
    panel.append(document.adoptNode(node));
  }
}
