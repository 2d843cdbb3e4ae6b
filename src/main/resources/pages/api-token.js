// Shared by the pages that hold no data themselves (/reports, /mailbox), inlined by TokenPage under the page's nonce.
// It asks for the API token, keeps it in sessionStorage (this tab only, gone when the tab closes; never a cookie, so
// no other site can make the browser send it) and sends it as the Authorization header, never in a URL.
// Opened from the admin console (/reports#console), the page uses the console's session cookie instead (same origin,
// SameSite=Strict, read-only calls) and links back to the console.
var ApiToken = (function () {
  'use strict';
  var KEY = 'provisioning.api.token';
  var CONSOLE = location.hash === '#console';

  /** Fills the input from storage; a submit stores the token and calls onSave. True when a token is kept. */
  function bind(form, input, onSave) {
    if (CONSOLE) {
      form.hidden = true;
      var back = document.createElement('a');
      back.href = '/console';
      back.id = 'console-back';
      back.textContent = '← Back to the console';
      form.parentNode.insertBefore(back, form);
      return true;
    }
    input.value = sessionStorage.getItem(KEY) || '';
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      sessionStorage.setItem(KEY, input.value.trim());
      onSave();
    });
    return input.value !== '';
  }

  /** fetch with the token; rejects with an Error whose message is fit for the page. */
  function call(path, accept) {
    var token = sessionStorage.getItem(KEY) || '';
    var headers = { 'Accept': accept || 'application/json' };
    if (!CONSOLE) { headers['Authorization'] = 'Bearer ' + token; }
    return fetch(path, { headers: headers, credentials: CONSOLE ? 'same-origin' : 'omit', cache: 'no-store' })
      .then(function (r) {
        if (r.ok) { return r; }
        return r.json().catch(function () { return {}; }).then(function (body) {
          var text = r.status === 401
            ? (CONSOLE ? 'The console session has ended: sign in again at /console.' : 'The API token is missing or wrong.')
            : (body.message || ('HTTP ' + r.status));
          (body.fieldErrors || []).forEach(function (f) { text += '\n' + f.field + ': ' + f.message; });
          throw new Error(text);
        });
      });
  }

  return { bind: bind, call: call };
})();
