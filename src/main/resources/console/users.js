// Users: searchable, paged list with each application's state and record id, Add User, Edit, Delete (confirmed),
// and a user's detail with its report rows.
import { call, getJson, sendJson } from './api.js';
import { clear, confirmDialog, el, field, once, showErrors } from './ui.js';

const PAGE = 50;
const PROFILE = [['userName', 'User name'], ['email', 'E-mail'], ['firstName', 'First name'],
  ['lastName', 'Last name'], ['company', 'Company']];
let state = { q: '', offset: 0 };
let apps = [];

export function render(container) {
  const search = el('input', { id: 'user-search', name: 'q', type: 'search', value: state.q,
    placeholder: 'start of a user name or e-mail' });
  const searchForm = el('form', { id: 'user-search-form', role: 'search', class: 'row' },
    el('label', { for: 'user-search', text: 'Search' }), search,
    el('button', { id: 'user-search-submit', type: 'submit', text: 'Search' }),
    el('button', { id: 'user-add', type: 'button', class: 'primary', text: 'Add User' }));
  const list = el('div', { id: 'users-list' });
  const side = el('div', { id: 'user-side' });
  container.append(el('h2', { text: 'Users' }), searchForm, el('div', { class: 'split' }, list, side));
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    state = { q: search.value.trim(), offset: 0 };
    load(list, side);
  });
  searchForm.querySelector('#user-add').addEventListener('click', () => editForm(side, null, list));
  getJson('/api/applications').then((a) => { apps = a; }).catch(() => { apps = []; }).then(() => load(list, side));
}

async function load(list, side) {
  const params = new URLSearchParams({ offset: state.offset, limit: PAGE });
  if (state.q) { params.set('q', state.q); }
  try {
    const page = await getJson('/api/users?' + params);
    clear(list).append(table(page.users, list, side), pager(page, list, side));
  } catch (e) {
    clear(list).append(el('p', { class: 'form-error', role: 'alert', text: e.message }));
  }
}

function table(users, list, side) {
  const head = ['User name', 'Name', 'Company', 'Active', 'Onboarding'].concat(apps.map((a) => a.name), ['']);
  return el('table', { id: 'users-table' },
    el('caption', { class: 'muted', text: state.q ? 'Users matching “' + state.q + '”' : 'All users, oldest first' }),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, users.map((user) => el('tr', { 'data-user': user.userName },
      el('td', {}, el('a', { href: '#users', class: 'user-open', text: user.userName,
        on: { click: (e) => { e.preventDefault(); detail(side, user.id, list); } } })),
      el('td', { text: [user.firstName, user.lastName].filter(Boolean).join(' ') }),
      el('td', { text: user.company || '' }),
      el('td', { text: user.active ? 'yes' : 'no' }),
      el('td', { class: 'onboarding', text: user.onboardingStatus }),
      apps.map((app) => el('td', { 'data-app': app.name }, linkState(app, user))),
      el('td', {}, el('button', { type: 'button', class: 'user-edit', text: 'Edit',
        'aria-label': 'Edit ' + user.userName, on: { click: () => editForm(side, user, list) } }))))));
}

function linkState(app, user) {
  const link = (user.applications || []).find((l) => l.application === app.name);
  if (!link) { return '–'; }
  const parts = [el('span', { class: 'link-state', text: link.state })];
  if (link.recordId) {
    parts.push(' ', app.orgUrl
      ? el('a', { class: 'record-id', href: app.orgUrl + '/lightning/r/' + app.sObject + '/' + link.recordId + '/view',
        target: '_blank', rel: 'noopener noreferrer', text: link.recordId })
      : el('code', { class: 'record-id', title: 'in the built-in emulator', text: link.recordId }));
  }
  if (link.error) { parts.push(el('div', { class: 'bad', text: link.error.code + ': ' + link.error.message })); }
  return parts;
}

function pager(page, list, side) {
  const prev = el('button', { id: 'users-prev', type: 'button', text: '◀ Previous', disabled: state.offset === 0 });
  const next = el('button', { id: 'users-next', type: 'button', text: 'Next ▶', disabled: !page.next });
  prev.addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); load(list, side); });
  next.addEventListener('click', () => { state.offset += PAGE; load(list, side); });
  const shown = page.users.length;
  return el('div', { class: 'row' }, prev,
    el('span', { id: 'users-page', text: shown ? (state.offset + 1) + '–' + (state.offset + shown) : 'no users' }), next);
}

function editForm(side, user, list) {
  const id = 'user-form';
  const form = el('form', { id, novalidate: true, 'aria-labelledby': 'user-form-title' },
    el('h3', { id: 'user-form-title', text: user ? 'Edit ' + user.userName : 'Add User' }),
    PROFILE.map(([name, label]) => field('user', name, label, { value: user ? user[name] || '' : '' })),
    el('p', { class: 'form-error', id: 'user-form-error', role: 'alert' }),
    el('div', { class: 'row' },
      el('button', { id: 'user-save', type: 'submit', class: 'primary', text: user ? 'Save' : 'Add User' }),
      user ? el('button', { id: 'user-delete', type: 'button', class: 'danger', text: 'Delete' }) : null,
      el('button', { id: 'user-cancel', type: 'button', text: 'Cancel' })));
  clear(side).append(form);
  form.querySelector('#user-userName').focus();
  form.querySelector('#user-cancel').addEventListener('click', () => clear(side));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    once(form.querySelector('#user-save'), async () => {
      const body = {};
      PROFILE.forEach(([name]) => {
        const value = form.querySelector('[name="' + name + '"]').value.trim();
        if (value || user) { body[name] = value || null; }
      });
      try {
        const saved = user
          ? await sendJson('PATCH', '/api/users/' + encodeURIComponent(user.id), body)
          : await sendJson('POST', '/api/users', body);
        showErrors(form, null);
        await load(list, side);
        detail(side, saved.id, list, user ? 'Saved.' : 'Added; provisioning runs in the background.');
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  if (user) {
    const remove = form.querySelector('#user-delete');
    remove.addEventListener('click', () => once(remove, async () => {
      const yes = await confirmDialog('Delete ' + user.userName + '?', 'The user stays in the directory, inactive;'
        + ' Leads and Contacts are deleted in Salesforce, Salesforce Users deactivated.', 'Delete');
      if (!yes) { return; }
      try {
        await call('DELETE', '/api/users/' + encodeURIComponent(user.id));
        await load(list, side);
        detail(side, user.id, list, 'Deleted: deprovisioning runs in the background.');
      } catch (error) {
        showErrors(form, error);
      }
    }));
  }
}

async function detail(side, id, list, message) {
  clear(side).append(el('p', { class: 'muted', text: 'Loading…' }));
  try {
    const user = await getJson('/api/users/' + encodeURIComponent(id));
    const reports = await getJson('/api/reports?from=last30d&size=20&identifier=' + encodeURIComponent(user.userName));
    const edit = el('button', { id: 'detail-edit', type: 'button', text: 'Edit' });
    edit.addEventListener('click', () => editForm(side, user, list));
    clear(side).append(el('section', { id: 'user-detail', 'aria-labelledby': 'user-detail-title' },
      el('h3', { id: 'user-detail-title', text: user.userName }),
      message ? el('p', { class: 'ok', role: 'status', text: message }) : null,
      el('dl', {}, PROFILE.slice(1).map(([name, label]) => [el('dt', { text: label }),
        el('dd', { text: user[name] || '' })]),
      el('dt', { text: 'Active' }), el('dd', { text: user.active ? 'yes' : 'no' }),
      el('dt', { text: 'Onboarding' }), el('dd', { id: 'detail-onboarding', text: user.onboardingStatus })),
      el('table', { id: 'detail-applications' },
        el('thead', {}, el('tr', {}, ['Application', 'State', 'Record id'].map((h) => el('th', { scope: 'col',
          text: h })))),
        el('tbody', {}, (user.applications || []).map((l) => el('tr', { 'data-app': l.application },
          el('td', { text: l.application }), el('td', { class: 'link-state', text: l.state
            + (l.error ? ' (' + l.error.code + ': ' + l.error.message + ')' : '') }),
          el('td', { class: 'record-id', text: l.recordId || '' }))))),
      el('div', { class: 'row' }, edit),
      el('h3', { text: 'Report rows (last 30 days)' }),
      el('table', { id: 'detail-reports' },
        el('thead', {}, el('tr', {}, ['When', 'Application', 'Operation', 'Status', 'Detail'].map((h) =>
          el('th', { scope: 'col', text: h })))),
        el('tbody', {}, reports.rows.map((r) => el('tr', {},
          el('td', { text: new Date(r.occurredAt).toLocaleString() }), el('td', { text: r.application }),
          el('td', { text: r.operation }), el('td', { text: r.status }),
          el('td', { text: [r.recordId, r.errorCode, r.errorMessage].filter(Boolean).join(' ') })))))));
  } catch (e) {
    clear(side).append(el('p', { class: 'bad', role: 'alert', text: e.message }));
  }
}
