// The console's frame: sign-in, navigation between the screens, sign-out, and the return to sign-in when the
// session ends (the screen stays underneath, so form input is kept and the interrupted call is sent again).
import { call, getJson, onSessionExpired, sendJson, setSession } from './api.js';
import { clear, once, showErrors } from './ui.js';
import * as applications from './applications.js';
import * as users from './users.js';
import * as onboarding from './onboarding.js';
import * as files from './files.js';

const VIEWS = { applications, users, onboarding, files };
const $ = (id) => document.getElementById(id);
let current = null;
let waitingForSignIn = [];

function showSignIn(expired) {
  $('signin').hidden = false;
  $('signin-expired').hidden = !expired;
  $('view').hidden = true;
  $('nav').hidden = true;
  $('who').hidden = true;
  $('signin-token').value = '';
  $('signin-password').value = '';
  (expired ? $('signin-password') : $('signin-user')).focus();
}

function signedIn(session) {
  setSession(session);
  $('signin').hidden = true;
  $('view').hidden = false;
  $('nav').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = 'Signed in as ' + session.user;
  const resume = waitingForSignIn;
  waitingForSignIn = [];
  if (resume.length) {
    resume.forEach((fn) => fn());
  } else if (!current) {
    route();
  }
}

onSessionExpired(() => new Promise((resolve) => {
  waitingForSignIn.push(resolve);
  if (waitingForSignIn.length === 1) { showSignIn(true); }
}));

$('signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  once($('signin-submit'), async () => {
    const form = $('signin-form');
    const token = $('signin-token').value.trim();
    const body = token ? { token } : { userName: $('signin-user').value.trim(), password: $('signin-password').value };
    try {
      const session = await sendJson('POST', '/console/session', body);
      showErrors(form, null);
      signedIn(session);
    } catch (error) {
      showErrors(form, error);
      $('signin-error').textContent = error.message;
    }
  });
});

$('signout').addEventListener('click', () => once($('signout'), async () => {
  try { await call('DELETE', '/console/session'); } catch (e) { /* the session is gone either way */ }
  setSession(null);
  current = null;
  clear($('view'));
  showSignIn(false);
}));

function route() {
  const name = (location.hash || '#applications').slice(1);
  const view = VIEWS[name] ? name : 'applications';
  document.querySelectorAll('nav a[data-view]').forEach((a) => {
    if (a.dataset.view === view) { a.setAttribute('aria-current', 'page'); } else { a.removeAttribute('aria-current'); }
  });
  if (current && current.leave) { current.leave(); }
  current = VIEWS[view];
  const container = clear($('view'));
  current.render(container);
  document.title = document.querySelector('nav a[aria-current]').textContent + ' · Provisioning console';
}

window.addEventListener('hashchange', () => { if (!$('signin').hidden) { return; } route(); });

getJson('/console/session').then(signedIn).catch(() => showSignIn(false));
