// Portfolio's service worker: the site's shell (styles, scripts, icons) and the pages of open drafts stay readable
// offline, and a save that cannot reach the server leaves its draft waiting on this device (drafts.js sends it when
// the connection returns) with a page that says so, instead of the browser's error page. Pages are always fetched
// from the network first: only an unreachable server makes this worker answer from what it kept.

import { allDrafts, putDraft } from '/js/device-store.js';

const SHELL = 'portfolio-shell-1';
const SHELL_FILES = [
  '/css/site.css', '/js/site.js', '/js/drafts.js', '/js/device-store.js', '/js/evidence-edit.js', '/js/evidence-view.js',
  '/js/judgement-form.js', '/js/offline.js', '/lib/govuk-frontend/govuk-frontend.min.css', '/lib/govuk-frontend/govuk-frontend.min.js',
  '/favicon.svg', '/favicon.ico', '/icons/icon-192.png', '/manifest.webmanifest',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('portfolio-shell-') && n !== SHELL).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.method === 'GET') {
    event.respondWith(fetch(request).catch(async () =>
      (await caches.match(request)) ?? (request.mode === 'navigate' ? offline(false, request.referrer) : Response.error())));
  } else if (request.method === 'POST' && request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(async () => {
      const kept = await waitForConnection(request.url);
      return offline(kept, request.referrer);
    }));
  }
});

/** Marks the draft just sent to this address as waiting; false when there is none. */
async function waitForConnection(url) {
  const sent = (await allDrafts())
    .filter((d) => d.sentAt && (d.formaction ?? d.action) === url)
    .sort((a, b) => b.sentAt - a.sentAt)[0];
  if (!sent) {
    return false;
  }
  await putDraft({ ...sent, queued: true });
  return true;
}

function offline(kept, back) {
  const line = kept
    ? 'Your changes are kept on this device and will be sent when the connection returns. You can go back to the form and keep writing.'
    : 'This page is not kept on this device. Pages with your unsaved drafts are kept, and everything else is there when you are back online.';
  const link = back && new URL(back).origin === self.location.origin
    ? `<p class="govuk-body"><a class="govuk-link" id="go-back" href="${new URL(back).pathname}${new URL(back).search}">Go back</a></p>` : '';
  const html = `<!DOCTYPE html><html lang="en-GB" class="govuk-template"><head><meta charset="utf-8">
<title>You are offline – Portfolio</title><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/lib/govuk-frontend/govuk-frontend.min.css"><link rel="stylesheet" href="/css/site.css"></head>
<body class="govuk-template__body"><header class="app-header"><div class="govuk-width-container app-header__container">
<a class="app-header__product-name" href="/">Portfolio</a></div></header><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l" id="offline-title">You are offline</h1><p class="govuk-body" id="offline-line">${line}</p>${link}
</main></div><script type="module" src="/js/offline.js"></script></body></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
