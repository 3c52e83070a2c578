// Evidence edit page: live Markdown preview of the notes.
// Without this script the "Preview notes" button posts the form and the page shows the preview;
// with it, the preview follows the typing. The HTML comes from the page's PreviewFragment handler,
// i.e. the site's one Markdown renderer (raw HTML off, sanitized), never from a renderer in the browser.

const DELAY_MS = 300;

for (const panel of document.querySelectorAll('[data-preview-for]')) {
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

// "Add another step / objective / log entry": without this script the button posts and the page comes
// back with one more empty row. With it, the last row is copied, renumbered and emptied in place. When
// there is no row to copy, the button still posts.
const ROW_BUTTONS = { 'add-step': 'step', 'add-objective': 'objective', 'add-log': 'log' };

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[id]') : null;
  const row = button && ROW_BUTTONS[button.id];
  if (!row) {
    return;
  }
  const rows = [...button.form.querySelectorAll(`fieldset[id^="${row}-"]`)].filter((f) => /^\w+-\d+$/.test(f.id));
  const last = rows.at(-1);
  if (!last) {
    return;
  }
  event.preventDefault();
  const added = copyRow(last, rows.length - 1, rows.length);
  last.after(added);
  added.querySelector('input, textarea, select')?.focus();
});

/** A copy of a row with index `from` (0-based) as an empty row with index `to`. */
function copyRow(fieldset, from, to) {
  const copy = fieldset.cloneNode(true);
  copy.id = fieldset.id.replace(/\d+$/, String(to + 1));
  const legend = copy.querySelector('legend');
  if (legend) {
    legend.textContent = legend.textContent.replace(/\d+(\s*)$/, `${to + 1}$1`);
  }
  for (const message of copy.querySelectorAll('.govuk-error-message')) {
    message.remove();
  }
  for (const group of copy.querySelectorAll('.govuk-form-group--error')) {
    group.classList.remove('govuk-form-group--error');
  }
  const idPart = new RegExp(`_${from}__`, 'g');
  const namePart = `[${from}]`;
  for (const element of copy.querySelectorAll('[id], [for], [name], [aria-describedby]')) {
    element.classList.remove('govuk-input--error', 'govuk-textarea--error', 'govuk-select--error');
    if (element.id) {
      element.id = element.id.replace(idPart, `_${to}__`);
    }
    if (element.htmlFor) {
      element.htmlFor = element.htmlFor.replace(idPart, `_${to}__`);
    }
    if (element.name) {
      element.name = element.name.replace(namePart, `[${to}]`);
    }
    const describedBy = element.getAttribute('aria-describedby');
    if (describedBy) {
      const ids = describedBy.replace(idPart, `_${to}__`).split(' ').filter((id) => id && !id.endsWith('-error'));
      if (ids.length > 0) {
        element.setAttribute('aria-describedby', ids.join(' '));
      } else {
        element.removeAttribute('aria-describedby');
      }
    }
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
      element.value = '';
      element.defaultValue = '';
    } else if (element instanceof HTMLSelectElement) {
      element.selectedIndex = 0;
    }
  }
  return copy;
}
