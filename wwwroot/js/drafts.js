// Never lose what someone typed. Every form that has a text box keeps a copy on this device as the person types
// (IndexedDB, device-store.js) and offers it back when they return to the form without having saved it: after a failed
// save, a closed tab, a crash or a lost connection. A save pressed while offline waits on this device and is sent when
// the connection returns, with the row version the person started from, so a change made meanwhile elsewhere shows
// both versions on the form's own conflict page instead of being overwritten. Without JavaScript the forms work as
// they always do; this only adds to them.

import { allDrafts, deleteDraft, forget, getDraft, keepPage, putDraft } from '/js/device-store.js';

const person = document.querySelector('meta[name="portfolio-person"]')?.content ?? null;
const SENT = 'portfolio.sent';
const NOT_TYPED = new Set(['hidden', 'password', 'file', 'submit', 'button', 'reset', 'image']);
const DELAY_MS = 400;

/** The address a draft belongs to: the page's, without the handler a failed post left in it. */
function address(url) {
  const u = new URL(url, location.href);
  u.searchParams.delete('handler');
  return u.pathname + u.search;
}

/** What the person typed or chose, by field name, in page order. */
function typed(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled || NOT_TYPED.has(el.type)) {
      continue;
    }
    values[el.name] ??= [];
    if (el.type === 'checkbox' || el.type === 'radio') {
      if (el.checked) {
        values[el.name].push(el.value);
      }
    } else {
      values[el.name].push(el.value);
    }
  }
  return values;
}

/** The hidden fields (ids, row versions, the antiforgery token) as the page gave them. */
function hidden(form) {
  const values = {};
  for (const el of form.elements) {
    if (el.name && el.type === 'hidden') {
      (values[el.name] ??= []).push(el.value);
    }
  }
  return values;
}

function fill(form, values, hiddenValues) {
  const seen = {};
  for (const el of form.elements) {
    if (!el.name || el.type === 'file' || el.type === 'password' || el.type === 'submit' || el.type === 'button') {
      continue;
    }
    const source = el.type === 'hidden' ? (el.name.endsWith('Version') ? hiddenValues : null) : values;
    const list = source?.[el.name];
    if (!list) {
      continue;
    }
    if (el.type === 'checkbox' || el.type === 'radio') {
      el.checked = list.includes(el.value);
    } else {
      const i = (seen[el.name] = (seen[el.name] ?? -1) + 1);
      if (i < list.length) {
        el.value = list[i];
      }
    }
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function when(ms) {
  const at = new Date(ms);
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date().toDateString()
    ? time : `${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long' })} at ${time}`;
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) {
    el.className = className;
  }
  if (text) {
    el.textContent = text;
  }
  return el;
}

/** A GOV.UK notification banner with a heading, a line and optional buttons or a link. */
function banner(id, heading, line, actions = []) {
  const box = element('div', 'govuk-notification-banner app-draft-banner');
  box.setAttribute('role', 'region');
  box.setAttribute('aria-labelledby', `${id}-title`);
  box.id = id;
  const header = element('div', 'govuk-notification-banner__header');
  const title = element('h2', 'govuk-notification-banner__title', heading);
  title.id = `${id}-title`;
  header.append(title);
  const content = element('div', 'govuk-notification-banner__content');
  content.append(element('p', 'govuk-notification-banner__heading', line));
  if (actions.length) {
    const group = element('div', 'govuk-button-group');
    group.append(...actions);
    content.append(group);
  }
  box.append(header, content);
  return box;
}

function button(text, secondary, id) {
  const b = element('button', `govuk-button${secondary ? ' govuk-button--secondary' : ''}`, text);
  b.type = 'button';
  b.id = id;
  return b;
}

/** One form kept on this device. */
class KeptForm {
  constructor(form, index) {
    this.form = form;
    this.key = `${person}|${address(form.action)}|${form.id || index}`;
    this.loaded = typed(form);
    this.draft = null;
    this.timer = 0;
    // Keeping waits until the draft already on the device has been read, so typing at once never overwrites it.
    this.started = new Promise((resolve) => { this.markStarted = resolve; });
    this.status = element('p', 'govuk-body-s app-draft-status');
    this.status.id = `${form.id || `form-${index}`}-draft-status`;
    this.status.setAttribute('role', 'status');
    const buttons = form.querySelector('.govuk-button-group');
    if (buttons) {
      buttons.before(this.status);
    } else {
      form.append(this.status);
    }
    form.addEventListener('input', () => this.typing());
    form.addEventListener('change', () => this.typing());
    form.addEventListener('submit', (event) => this.sending(event));
  }

  refused() {
    return this.form.ownerDocument.querySelector('.govuk-error-summary, #saved-meanwhile') !== null;
  }

  async start() {
    try {
      await this.offerKept();
    } finally {
      this.markStarted();
    }
  }

  async offerKept() {
    this.draft = await getDraft(this.key);
    const d = this.draft;
    if (!d) {
      return;
    }
    if (d.queued) {
      this.restore();
      this.say(`Your changes from ${when(d.savedAt)} are waiting on this device to be sent.`);
      if (navigator.onLine) {
        this.send();
      }
    } else if (same(d.values, this.loaded)) {
      if (this.refused()) {
        this.say('These changes are not saved in Portfolio yet: they are kept on this device until they are.');
      } else {
        await deleteDraft(this.key);
        this.draft = null;
      }
    } else {
      this.offer();
    }
  }

  offer() {
    const id = `${this.status.id.replace(/-draft-status$/, '')}-draft`;
    const restore = button('Restore them', false, `${id}-restore`);
    const discard = button('Discard them', true, `${id}-discard`);
    const box = banner(id, 'Unsaved changes',
      `You have unsaved changes from ${when(this.draft.savedAt)} on this device.`, [restore, discard]);
    this.form.prepend(box);
    restore.addEventListener('click', () => {
      this.restore();
      box.remove();
      this.say(`Restored your changes from ${when(this.draft.savedAt)}. Select the save button to save them in Portfolio.`);
      this.form.querySelector('textarea, input:not([type=hidden])')?.focus();
    });
    discard.addEventListener('click', async () => {
      await deleteDraft(this.key);
      this.draft = null;
      box.remove();
      this.say('Discarded the changes kept on this device.');
    });
  }

  /** Puts the draft back, with the row versions it started from (so a change made since is a conflict, not lost). */
  restore() {
    fill(this.form, this.draft.values, this.draft.hidden);
  }

  say(text) {
    this.status.textContent = text;
  }

  typing() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.keep(), DELAY_MS);
  }

  async keep(extra = {}) {
    await this.started;
    const values = typed(this.form);
    if (!this.draft && same(values, this.loaded) && !extra.queued) {
      return;
    }
    const first = !this.draft;
    this.draft = {
      key: this.key, person, url: address(location.href), action: this.form.action, title: document.title,
      hidden: hidden(this.form), ...this.draft, values, savedAt: Date.now(), ...extra,
    };
    await putDraft(this.draft);
    if (first) {
      keepPage(person, this.draft.url);
    }
    this.say(navigator.onLine
      ? `Changes kept on this device at ${when(this.draft.savedAt)}. Select the save button to save them in Portfolio.`
      : `You are offline. Changes are kept on this device (${when(this.draft.savedAt)}) until you can save them.`);
  }

  sending(event) {
    if (this.resending) {
      return;
    }
    clearTimeout(this.timer);
    const s = event.submitter;
    const submitter = s?.name ? { name: s.name, value: s.value, id: s.id } : (s?.id ? { id: s.id } : null);
    const formaction = s?.getAttribute('formaction') ? new URL(s.formAction, location.href).href : null;
    sessionStorage.setItem(SENT, this.key);
    if (!navigator.onLine) {
      event.preventDefault();
      this.keep({ queued: true, submitter, formaction }).then(() => this.say(
        `You are offline. Your changes are kept on this device and will be sent when the connection returns.`));
      return;
    }
    // Kept as sent; the service worker marks it waiting if the post never reaches the server.
    this.keep({ submitter, formaction, sentAt: Date.now() });
  }

  /**
   * Sends the waiting draft through the form itself, so the answer (saved, refused, a conflict) shows as usual; only
   * once the server answers, since the browser may say it is online a moment before its requests get through.
   */
  async send() {
    if (this.resending || !(await reachable())) {
      return;
    }
    const d = this.draft;
    const submitter = d.submitter?.id ? document.getElementById(d.submitter.id) : null;
    this.resending = true;
    this.draft = { ...d, queued: false, sentAt: Date.now() };
    putDraft(this.draft).then(() => {
      sessionStorage.setItem(SENT, this.key);
      this.form.requestSubmit(submitter && this.form.contains(submitter) ? submitter : undefined);
    });
  }
}

/** Whether the server answers now; asked again every few seconds until it does, for at most a minute. */
async function reachable(tries = 20) {
  for (let i = 0; i < tries; i++) {
    try {
      if ((await fetch('/healthz', { cache: 'no-store', credentials: 'same-origin' })).ok) {
        return true;
      }
    } catch {
      // Not yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  return false;
}

/** Drafts waiting for a page that is not open: sent in the background; a refusal leaves them to be opened. */
async function sendWaiting(open) {
  const waiting = (await allDrafts()).filter((d) => d.person === person && d.queued && !open.has(d.key));
  if (waiting.length === 0 || !(await reachable(1))) {
    return;
  }
  for (const d of waiting) {
    const body = new FormData();
    for (const [name, list] of Object.entries({ ...d.hidden, ...d.values })) {
      list.forEach((v) => body.append(name, v));
    }
    if (d.submitter?.name) {
      body.append(d.submitter.name, d.submitter.value);
    }
    try {
      const response = await fetch(d.formaction ?? d.action, { method: 'POST', body, credentials: 'same-origin' });
      // Every form answers a save with a redirect and a refusal with the form again; signed out is not saved.
      if (response.ok && response.redirected && !new URL(response.url).pathname.startsWith('/Account/SignIn')) {
        await deleteDraft(d.key);
        notice('draft-sent', 'Saved', `Your changes to “${d.title}” reached Portfolio and are saved.`);
      } else {
        await putDraft({ ...d, queued: false });
        notice('draft-refused', 'Not saved', `Your changes to “${d.title}” could not be saved as they were.`, d.url);
      }
    } catch {
      return; // Still offline: try again when the connection returns.
    }
  }
}

function notice(id, heading, line, href = null) {
  document.getElementById(id)?.remove();
  const actions = [];
  if (href) {
    const link = element('a', 'govuk-notification-banner__link', 'Open them to see why');
    link.href = href;
    actions.push(link);
  }
  document.querySelector('main')?.prepend(banner(id, heading, line, actions));
}

/** After a post, the page that follows says whether it was saved: not the same form refused again means it was. */
async function settleSent(kept) {
  const sent = sessionStorage.getItem(SENT);
  sessionStorage.removeItem(SENT);
  const navigation = performance.getEntriesByType('navigation')[0]?.type ?? 'navigate';
  if (!sent || navigation !== 'navigate') {
    return;
  }
  const here = kept.find((k) => k.key === sent);
  const draft = await getDraft(sent);
  if (draft && !draft.queued && (!here || !here.refused())) {
    await deleteDraft(sent);
    here?.say('Your changes are saved in Portfolio.');
  }
}

async function start() {
  if (!person || !('indexedDB' in window)) {
    return;
  }
  // The forms listen before anything waits on storage, so nothing typed at once after the page opens is missed.
  const forms = [...document.querySelectorAll('form')]
    .filter((f) => f.method === 'post' && !f.hasAttribute('data-no-draft') && f.querySelector('textarea'));
  const kept = forms.map((f, i) => new KeptForm(f, i));
  await forget(person);
  await settleSent(kept);
  await Promise.all(kept.map((k) => k.start()));
  const open = new Set(kept.map((k) => k.key));
  const online = () => {
    kept.filter((k) => k.draft?.queued).forEach((k) => k.send());
    sendWaiting(open);
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', () => kept.filter((k) => k.draft).forEach((k) => k.say(
    'You are offline. Your changes are kept on this device; you can keep writing and save when the connection returns.')));
  if (navigator.onLine) {
    sendWaiting(open);
  }
}

/** Signing out removes everything kept on this device first. */
function clearOnSignOut() {
  const signOut = [...document.querySelectorAll('form')]
    .filter((f) => f.method === 'post' && new URL(f.action).pathname === '/Account/SignOut');
  for (const form of signOut) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const go = () => form.submit();
      setTimeout(go, 2000);
      forget().then(go, go);
    }, { once: true });
  }
}

/** The sign-out page warns about changes that have not reached Portfolio yet. */
async function warnBeforeSignOut() {
  const warning = document.getElementById('unsent-warning');
  if (!warning || !person) {
    return;
  }
  const unsent = (await allDrafts()).filter((d) => d.person === person);
  if (unsent.length > 0) {
    warning.querySelector('[data-count]').textContent = unsent.length === 1
      ? '1 form has changes' : `${unsent.length} forms have changes`;
    warning.hidden = false;
  }
}

clearOnSignOut();
start().then(warnBeforeSignOut).catch(() => {
  // A browser that refuses storage (private mode, full disk) works as it would without this script.
});
