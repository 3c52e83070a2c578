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
