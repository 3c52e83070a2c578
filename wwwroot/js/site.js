// Portfolio site script: an ES module, loaded by every page with
//   <script type="module" src="/js/site.js"></script>
// at the end of <body>. There is no inline script anywhere (strict CSP).
//
// GOV.UK Frontend 5 only initialises components when <body> has the class
// `govuk-frontend-supported`. Its page template sets it with an inline script:
//   document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
// We do the same here instead. A browser that runs this file supports ES
// modules, which is exactly what the `noModule` test checks for, so the class
// can be added unconditionally. Module scripts are deferred, so <body> exists.
import { initAll } from '/lib/govuk-frontend/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');

initAll();

// Drafts kept on this device as people type, and sent when the connection returns (drafts.js); the service worker
// keeps the site's shell and the pages of open drafts for offline use. Only for a signed-in person.
import '/js/drafts.js';

if ('serviceWorker' in navigator && document.querySelector('meta[name="portfolio-person"]')) {
  navigator.serviceWorker.register('/sw.js', { type: 'module', scope: '/' }).catch(() => {
    // Without the worker, drafts are still kept; only offline pages are missing.
  });
}
