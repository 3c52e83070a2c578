// Evidence view page: annotate by selecting text or drawing a box on a picture, link highlights to their
// cards, and upload with progress and cancel. Every form still posts without this script; it only fills
// fields in and avoids waiting blind for a big upload.
// Listeners are delegated from the document so they keep working after part of the page is replaced.
import { initAll } from '/lib/govuk-frontend/govuk-frontend.min.js';

const TEXT_CONTAINERS = '#evidence-text, .app-evidence__text[data-file]';
const SVG = 'http://www.w3.org/2000/svg';

// ---- Annotation by text selection ----------------------------------------------------------------

/**
 * The offset in the stored text of (node, offset): what the server's offsets count. Rendered text marks each run
 * of stored characters with its offset (data-at); plain text (a file's) counts the container's characters.
 */
function offsetWithin(container, node, offset) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const run = element?.closest('[data-at]');
  const from = run && container.contains(run) ? run : container;
  const range = document.createRange();
  range.selectNodeContents(from);
  range.setEnd(node, offset);
  return (from === run ? Number(run.dataset.at) : 0) + range.toString().length;
}

function selectedPassage() {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
    return null;
  }
  const range = selection.getRangeAt(0);
  const start = range.startContainer.nodeType === Node.ELEMENT_NODE ? range.startContainer : range.startContainer.parentElement;
  const container = start?.closest(TEXT_CONTAINERS);
  if (!container || !container.contains(range.endContainer)) {
    return null;
  }
  // Range text, not selection text: the selection's string follows the layout (collapsed spaces and
  // line breaks), the range's is the characters themselves, as stored.
  const quote = range.toString();
  if (quote.trim() === '') {
    return null;
  }
  return {
    container,
    quote,
    start: offsetWithin(container, range.startContainer, range.startOffset),
    end: offsetWithin(container, range.endContainer, range.endOffset),
  };
}

function field(id) {
  return document.getElementById(id);
}

function announce(form, message) {
  let status = form.querySelector('.app-annotate-status');
  if (!status) {
    status = document.createElement('p');
    status.className = 'govuk-body govuk-!-font-weight-bold app-annotate-status';
    status.setAttribute('role', 'status');
    form.prepend(status);
  }
  // A live region is only heard when its text changes after it is in the page.
  status.textContent = '';
  setTimeout(() => {
    status.textContent = message;
  }, 50);
}

function fillFromSelection() {
  const passage = selectedPassage();
  const form = field('annotate-form');
  if (!passage || !form) {
    return;
  }
  field('Annotation_Quote').value = passage.quote;
  field('Annotation_Start').value = String(passage.start);
  field('Annotation_End').value = String(passage.end);
  field('Annotation_FileSha256').value = passage.container.dataset.file ?? '';
  for (const id of ['Annotation_X', 'Annotation_Y', 'Annotation_Width', 'Annotation_Height']) {
    const input = field(id);
    if (input) {
      input.value = '';
    }
  }
  announce(form, 'Passage selected: add your comment below');
  form.scrollIntoView({ block: 'start', behavior: 'smooth' });
  field('Annotation_Comment')?.focus({ preventScroll: true });
}

document.addEventListener('mouseup', (event) => {
  if (event.target instanceof Element && event.target.closest(TEXT_CONTAINERS)) {
    fillFromSelection();
  }
});
document.addEventListener('keyup', (event) => {
  // Keyboard selection (caret browsing, or Shift with arrows) ends with a Shift key release.
  if (event.key === 'Shift' && event.target instanceof Element && !event.target.closest('input, textarea, select, [contenteditable]')) {
    fillFromSelection();
  }
});

// ---- Highlights and their cards ------------------------------------------------------------------

function selectAnnotation(id, { scrollTo }) {
  for (const item of document.querySelectorAll('.app-annotation-list__item--selected')) {
    item.classList.remove('app-annotation-list__item--selected');
  }
  for (const mark of document.querySelectorAll('mark.app-annotation--selected')) {
    mark.classList.remove('app-annotation--selected');
  }
  const item = document.getElementById(`annotation-${id}`);
  item?.classList.add('app-annotation-list__item--selected');
  const marks = [...document.querySelectorAll('mark.app-annotation[data-annotations]')]
    .filter((mark) => mark.dataset.annotations.split(' ').includes(id));
  for (const mark of marks) {
    mark.classList.add('app-annotation--selected');
  }
  const target = scrollTo === 'item' ? item : marks[0];
  target?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

document.addEventListener('click', (event) => {
  if (!(event.target instanceof Element)) {
    return;
  }
  const mark = event.target.closest('mark.app-annotation[data-annotations]');
  if (mark && document.getSelection()?.isCollapsed !== false) {
    selectAnnotation(mark.dataset.annotations.split(' ')[0], { scrollTo: 'item' });
    return;
  }
  const item = event.target.closest('.app-annotation-list__item[data-annotation]');
  if (item && !event.target.closest('button, a, form')) {
    selectAnnotation(item.dataset.annotation, { scrollTo: 'mark' });
  }
});

// ---- Region of a picture -------------------------------------------------------------------------

let drawing = null;

function percentAt(image, event) {
  const box = image.getBoundingClientRect();
  const clamp = (v) => Math.min(100, Math.max(0, v));
  return {
    x: clamp(((event.clientX - box.left) / box.width) * 100),
    y: clamp(((event.clientY - box.top) / box.height) * 100),
  };
}

function boxOf(from, to) {
  const round = (v) => Math.round(v * 100) / 100;
  const x = round(Math.min(from.x, to.x));
  const y = round(Math.min(from.y, to.y));
  return { x, y, width: round(Math.min(Math.abs(to.x - from.x), 100 - x)), height: round(Math.min(Math.abs(to.y - from.y), 100 - y)) };
}

function drawRect(rect, box) {
  rect.setAttribute('x', String(box.x));
  rect.setAttribute('y', String(box.y));
  rect.setAttribute('width', String(box.width));
  rect.setAttribute('height', String(box.height));
}

document.addEventListener('pointerdown', (event) => {
  const figure = event.target instanceof Element ? event.target.closest('.app-image-annotations[data-file]') : null;
  const image = figure?.querySelector('img');
  const overlay = figure?.querySelector('svg');
  if (!image || !overlay || event.button !== 0 || !field('annotate-form')) {
    return;
  }
  event.preventDefault(); // No native image drag.
  for (const old of document.querySelectorAll('.app-image-annotations__region--new')) {
    old.remove();
  }
  const rect = document.createElementNS(SVG, 'rect');
  rect.setAttribute('class', 'app-image-annotations__region app-image-annotations__region--new');
  overlay.append(rect);
  const from = percentAt(image, event);
  drawRect(rect, boxOf(from, from));
  figure.setPointerCapture(event.pointerId);
  drawing = { figure, image, rect, from, pointerId: event.pointerId };
});

document.addEventListener('pointermove', (event) => {
  if (drawing?.pointerId === event.pointerId) {
    drawRect(drawing.rect, boxOf(drawing.from, percentAt(drawing.image, event)));
  }
});

function finishDrawing(event) {
  if (drawing?.pointerId !== event.pointerId) {
    return;
  }
  const { figure, image, rect, from } = drawing;
  drawing = null;
  const box = boxOf(from, percentAt(image, event));
  if (event.type === 'pointercancel' || box.width < 0.5 || box.height < 0.5) {
    rect.remove(); // A click, not a box.
    return;
  }
  drawRect(rect, box);
  fillRegion(figure.dataset.file, box);
}

document.addEventListener('pointerup', finishDrawing);
document.addEventListener('pointercancel', finishDrawing);

function fillRegion(sha256, box) {
  const form = field('annotate-form');
  field('Annotation_FileSha256').value = sha256;
  field('Annotation_Start').value = '';
  field('Annotation_End').value = '';
  const values = { Annotation_X: box.x, Annotation_Y: box.y, Annotation_Width: box.width, Annotation_Height: box.height };
  for (const [id, value] of Object.entries(values)) {
    const input = field(id);
    if (input) {
      input.value = value.toFixed(2);
    }
  }
  const picture = form.querySelector('[data-region-file]');
  if (picture) {
    picture.value = sha256;
  }
  const details = field('region-fields');
  if (details) {
    details.open = true;
  }
  announce(form, 'Region drawn: add your comment below');
  form.scrollIntoView({ block: 'start', behavior: 'smooth' });
  field('Annotation_Comment')?.focus({ preventScroll: true });
}

// The picture chooser has no name (a picture is a file, named by its fingerprint); choosing one sets it.
document.addEventListener('change', (event) => {
  if (event.target instanceof HTMLSelectElement && event.target.matches('[data-region-file]') && event.target.value) {
    field('Annotation_FileSha256').value = event.target.value;
  }
});

// ---- Upload with progress and cancel -------------------------------------------------------------

function size(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

let upload = null;

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.id !== 'upload-form' || upload) {
    return;
  }
  event.preventDefault();
  const progress = field('upload-progress');
  const bar = field('upload-progress-bar');
  const text = field('upload-progress-text');
  const submit = field('upload-submit');
  const cancel = field('upload-cancel');
  const xhr = new XMLHttpRequest();
  upload = xhr;
  const postUrl = new URL(form.action, document.baseURI).href;

  const finish = () => {
    upload = null;
    submit.disabled = false;
    cancel.hidden = true;
    bar.hidden = true;
  };

  xhr.open('POST', postUrl);
  xhr.responseType = 'document';
  xhr.upload.addEventListener('progress', (e) => {
    if (e.lengthComputable) {
      const percent = Math.floor((e.loaded / e.total) * 100);
      bar.value = percent;
      text.textContent = `${percent}% of ${size(e.total)}`;
    }
  });
  xhr.addEventListener('abort', () => {
    finish();
    text.textContent = 'Upload cancelled; nothing was saved';
  });
  xhr.addEventListener('error', () => {
    finish();
    showUploadError('The upload did not finish: check your connection and try again');
  });
  xhr.addEventListener('load', () => {
    finish();
    const page = xhr.response;
    if (xhr.status === 413) {
      showUploadError('That file is too large for Portfolio. Make it smaller (for example, scan at a lower resolution) or split it, and try again');
    } else if (xhr.status !== 200 || !page) {
      showUploadError(`The upload failed (the server answered ${xhr.status}). Try again`);
    } else if (page.getElementById('error-summary')) {
      text.textContent = '';
      progress.hidden = true;
      showServerErrors(page);
    } else if (xhr.responseURL && xhr.responseURL !== postUrl) {
      // Saved, and redirected to this page. Following the redirect already used up the one-off
      // "has been uploaded" message, so show the page that came back rather than asking again.
      showPage(page);
    } else {
      window.location.reload();
    }
  });

  bar.value = 0;
  bar.hidden = false;
  text.textContent = 'Starting upload';
  cancel.hidden = false;
  progress.hidden = false;
  submit.disabled = true;
  xhr.send(new FormData(form));
});

document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('#upload-cancel')) {
    upload?.abort();
  }
});

/** Puts the form's error in place from the page the server re-displayed, keeping the chosen file. */
function showServerErrors(page) {
  const summary = document.importNode(page.getElementById('error-summary'), true);
  const current = document.getElementById('error-summary');
  if (current) {
    current.replaceWith(summary);
  } else {
    document.getElementById('main-content').prepend(summary);
  }
  const message = page.getElementById('upload-error');
  markUploadField(message ? message.textContent.replace(/^\s*Error:\s*/, '').trim() : null);
  initAll({ scope: summary }); // The error summary component moves focus to itself.
}

function showUploadError(message) {
  field('upload-progress-text').textContent = '';
  field('upload-progress').hidden = true;
  markUploadField(message);
  field('upload')?.focus();
}

function markUploadField(message) {
  const input = field('upload');
  const group = input?.closest('.govuk-form-group');
  if (!group || !message) {
    return;
  }
  group.classList.add('govuk-form-group--error');
  input.classList.add('govuk-file-upload--error');
  let error = field('upload-error');
  if (!error) {
    error = document.createElement('p');
    error.className = 'govuk-error-message';
    error.id = 'upload-error';
    input.before(error);
  }
  const hidden = document.createElement('span');
  hidden.className = 'govuk-visually-hidden';
  hidden.textContent = 'Error:';
  error.replaceChildren(hidden, ` ${message}`);
  const describedBy = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
  describedBy.add('upload-error');
  input.setAttribute('aria-describedby', [...describedBy].join(' '));
}

/** Replaces the page's main content with the same page as it now is (after a successful upload). */
function showPage(page) {
  const fresh = page.getElementById('main-content');
  const main = document.getElementById('main-content');
  if (!fresh || !main) {
    window.location.reload();
    return;
  }
  main.replaceChildren(...[...fresh.childNodes].map((node) => document.importNode(node, true)));
  document.title = page.title;
  initAll({ scope: main }); // The success banner focuses itself, so screen readers hear it.
}
