// Onboarding Status: users by status, a selection (rows of the page, or all users with the status), and
// "Send Activation Mail with Password Reset Link" with what was queued and why the others were skipped.
import { getJson, sendJson } from './api.js';
import { clear, el, once, showErrors } from './ui.js';

const STATUSES = ['created', 'provisioning', 'provisioned', 'failed', 'deprovisioned', 'mail-pending', 'invited',
  'activated'];
const PAGE = 50;
let state = { status: 'provisioned', offset: 0 };

export function render(container) {
  const status = el('select', { id: 'onboarding-status', name: 'onboardingStatus' },
    el('option', { value: '', text: 'any status' }),
    STATUSES.map((s) => el('option', { value: s, text: s, selected: s === state.status })));
  const filter = el('form', { id: 'onboarding-filter', class: 'row' },
    el('label', { for: 'onboarding-status', text: 'Onboarding status' }), status,
    el('button', { id: 'onboarding-load', type: 'submit', text: 'Show' }));
  const list = el('div', { id: 'onboarding-list' });
  const all = el('input', { id: 'onboarding-all', type: 'checkbox', name: 'all' });
  const send = el('button', { id: 'onboarding-send', type: 'button', class: 'primary',
    text: 'Send Activation Mail with Password Reset Link' });
  const action = el('form', { id: 'onboarding-action', novalidate: true },
    el('div', { class: 'row' }, all, el('label', { for: 'onboarding-all', id: 'onboarding-all-label',
      text: 'All users with this status (not only the ticked rows)' })),
    el('span', { class: 'field-error', 'data-error-for': 'onboardingStatus' }),
    el('span', { class: 'field-error', 'data-error-for': 'userIds' }),
    el('p', { class: 'form-error', role: 'alert' }), send);
  const result = el('div', { id: 'onboarding-result', 'aria-live': 'polite' });
  container.append(el('h2', { text: 'Onboarding Status' }), filter, list, action, result);
  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    state = { status: status.value, offset: 0 };
    load(list);
  });
  send.addEventListener('click', () => once(send, async () => {
    let body;
    if (all.checked) {
      if (!state.status) {
        showErrors(action, { message: 'Pick a status to send to all users with it', fieldErrors: [] });
        return;
      }
      body = { onboardingStatus: state.status };
    } else {
      const ids = [...list.querySelectorAll('input.pick:checked')].map((box) => box.value);
      if (!ids.length) {
        showErrors(action, { message: 'Tick at least one user, or choose all users with this status',
          fieldErrors: [] });
        return;
      }
      body = { userIds: ids };
    }
    try {
      const answer = await sendJson('POST', '/api/activation-mails', body);
      showErrors(action, null);
      showResult(result, answer);
      load(list);
    } catch (error) {
      showErrors(action, error);
    }
  }));
  load(list);
}

async function load(list) {
  const params = new URLSearchParams({ offset: state.offset, limit: PAGE });
  if (state.status) { params.set('onboardingStatus', state.status); }
  try {
    const page = await getJson('/api/users?' + params);
    const pageBox = el('input', { id: 'onboarding-select-page', type: 'checkbox', 'aria-label': 'Tick every row' });
    pageBox.addEventListener('change', () => list.querySelectorAll('input.pick').forEach((box) => {
      box.checked = pageBox.checked;
    }));
    const prev = el('button', { type: 'button', id: 'onboarding-prev', text: '◀ Previous', disabled: !state.offset });
    const next = el('button', { type: 'button', id: 'onboarding-next', text: 'Next ▶', disabled: !page.next });
    prev.addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); load(list); });
    next.addEventListener('click', () => { state.offset += PAGE; load(list); });
    clear(list).append(el('table', { id: 'onboarding-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, pageBox),
        ['User name', 'E-mail', 'Status', 'Reason'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, page.users.map((user) => el('tr', { 'data-user': user.userName },
        el('td', {}, el('input', { type: 'checkbox', class: 'pick', value: user.id,
          'aria-label': 'Select ' + user.userName })),
        el('td', { text: user.userName }), el('td', { text: user.email || '' }),
        el('td', { class: 'onboarding', text: user.onboardingStatus }),
        el('td', { text: user.onboardingReason || '' }))))),
    el('div', { class: 'row' }, prev, el('span', { text: page.users.length ? (state.offset + 1) + '–'
      + (state.offset + page.users.length) : 'no users with this status' }), next));
  } catch (e) {
    clear(list).append(el('p', { class: 'form-error', role: 'alert', text: e.message }));
  }
}

function showResult(out, answer) {
  const reasons = {};
  answer.skipped.forEach((s) => { reasons[s.reason] = (reasons[s.reason] || 0) + 1; });
  clear(out).append(el('p', { role: 'status' },
    el('strong', { id: 'onboarding-queued', text: answer.queued.length + ' queued' }), ', ',
    el('strong', { id: 'onboarding-skipped', text: answer.skipped.length + ' skipped' })),
  el('ul', { id: 'onboarding-reasons' }, Object.entries(reasons).map(([reason, count]) =>
    el('li', { text: count + ' × ' + reason }))));
}
