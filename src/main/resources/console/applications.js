// Applications: target object, switches, whatever state the API reports (login, paused, quarantined, held…),
// Verify Credentials, the attribute mapping as a table, and Import with its progress.
import { getJson, sendJson } from './api.js';
import { clear, el, once, pill } from './ui.js';

const SHOWN = new Set(['name', 'sObject', 'features', 'matching', 'emulated', 'authenticationType', 'apiVersion',
  'mapping', 'orgUrl']);
let timers = [];

export function leave() {
  timers.forEach(clearInterval);
  timers = [];
}

export function render(container) {
  container.append(el('h2', { text: 'Applications' }));
  const list = el('div', { id: 'applications' }, el('p', { class: 'muted', text: 'Loading…' }));
  container.append(list);
  getJson('/api/applications').then((apps) => {
    clear(list);
    apps.forEach((app) => list.append(card(app)));
  }).catch((e) => { clear(list).append(el('p', { class: 'form-error', role: 'alert', text: e.message })); });
}

function card(app) {
  const id = app.name;
  const switches = el('div', { class: 'row' }, Object.entries(app.features || {}).map(([name, on]) =>
    pill(name + (on ? ' on' : ' off'), on ? 'on' : 'off')));
  const state = Object.entries(app).filter(([key]) => !SHOWN.has(key));
  const details = el('dl', {},
    el('dt', { text: 'Target object' }), el('dd', { text: app.sObject }),
    el('dt', { text: 'Connection' }), el('dd', { text: (app.emulated ? 'built-in emulator' : app.orgUrl || '') + ', '
      + app.authenticationType + ', API ' + app.apiVersion }),
    el('dt', { text: 'Matching on import' }), el('dd', { text: app.matching.field + ' = ' + app.matching.attribute }),
    state.map(([key, value]) => [el('dt', { text: key }), el('dd', { 'data-state': key }, stateValue(value))]));
  const verifyResult = el('div', { id: 'verify-result-' + id, 'aria-live': 'polite' });
  const verify = el('button', { id: 'verify-' + id, type: 'button', text: 'Verify Credentials' });
  verify.addEventListener('click', () => once(verify, () => runVerify(app, verifyResult)));
  const importProgress = el('div', { id: 'import-progress-' + id, 'aria-live': 'polite' });
  const start = el('button', { id: 'import-' + id, type: 'button', text: 'Import', disabled: !app.features.import });
  start.addEventListener('click', () => once(start, () => runImport(app, importProgress)));
  const mapping = el('div', { id: 'mapping-' + id });
  loadMapping(app, mapping);
  return el('section', { class: 'card', 'aria-labelledby': 'app-' + id },
    el('h3', { id: 'app-' + id, text: app.name }), switches, details,
    el('div', { class: 'row' }, verify, start), verifyResult, importProgress,
    el('h3', { text: 'Attribute mapping (' + app.mapping + ')' }), mapping);
}

function stateValue(value) {
  if (value === true) { return pill('yes', 'warn'); }
  if (value === false) { return pill('no', 'off'); }
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ');
  }
  return String(value);
}

async function runVerify(app, out) {
  clear(out).append(el('p', { class: 'muted', text: 'Logging in…' }));
  try {
    const answer = await sendJson('POST', '/api/applications/' + encodeURIComponent(app.name) + '/verify');
    clear(out);
    if (answer.verified) {
      const usage = answer.apiUsage || {};
      out.append(el('p', { class: 'ok', text: 'Verified' }), el('dl', {},
        el('dt', { text: 'Org id' }), el('dd', { id: 'verify-org-' + app.name, text: answer.orgId }),
        el('dt', { text: 'Instance' }), el('dd', { text: answer.instanceUrl }),
        el('dt', { text: 'API usage' }), el('dd', { text: usage.used + ' of ' + usage.max + ' calls today ('
          + usage.remaining + ' left)' }),
        el('dt', { text: 'Fields writable' }), el('dd', { text: String(answer.fieldsWritable) })));
      const bad = (answer.fields || []).filter((f) => !f.ok);
      bad.forEach((f) => out.append(el('p', { class: 'bad', text: f.field + ': ' + f.detail })));
    } else {
      out.append(el('p', { class: 'bad', id: 'verify-error-' + app.name, role: 'alert',
        text: answer.error + ': ' + answer.message }), answer.hint ? el('p', { text: answer.hint }) : null);
    }
  } catch (e) {
    clear(out).append(el('p', { class: 'bad', role: 'alert', text: e.message }));
  }
}

async function loadMapping(app, out) {
  try {
    const mapping = await getJson('/api/applications/' + encodeURIComponent(app.name) + '/mapping');
    const rows = mapping.rules.map((r) => el('tr', {},
      el('td', { text: r.target }),
      el('td', { text: r.source ? r.source : r.expression ? 'expression: ' + r.expression
        : 'constant: ' + r.constant }),
      el('td', { text: r.default === null ? '' : String(r.default) }),
      el('td', { text: [r.case ? r.case + 'case' : '', r.maxLength ? 'max ' + r.maxLength : '',
        r.createOnly ? 'on create only' : ''].filter(Boolean).join(', ') })));
    Object.entries(mapping.createDefaults || {}).forEach(([target, value]) => rows.push(el('tr', {},
      el('td', { text: target }), el('td', { text: 'create default: ' + value }), el('td'), el('td'))));
    clear(out).append(el('table', {},
      el('caption', { class: 'muted', text: app.sObject + ' field ← directory attribute' }),
      el('thead', {}, el('tr', {}, ['Salesforce field', 'From', 'Default', 'Rules'].map((h) =>
        el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows)));
  } catch (e) {
    clear(out).append(el('p', { class: 'bad', text: e.message }));
  }
}

async function runImport(app, out) {
  try {
    const job = await sendJson('POST', '/api/applications/' + encodeURIComponent(app.name) + '/import');
    showJob(out, job);
    await new Promise((resolve) => {
      const timer = setInterval(async () => {
        try {
          const now = await getJson('/api/jobs/' + encodeURIComponent(job.id));
          showJob(out, now);
          if (now.status !== 'running' && now.status !== 'provisioning') { clearInterval(timer); resolve(); }
        } catch (e) {
          clearInterval(timer);
          resolve();
        }
      }, 1000);
      timers.push(timer);
    });
  } catch (e) {
    clear(out).append(el('p', { class: 'bad', role: 'alert', text: e.message }));
  }
}

function showJob(out, job) {
  clear(out).append(el('p', {},
    'Import ', el('strong', { 'data-job-status': job.status, text: job.status }),
    ': ' + job.read + ' read, ' + job.created + ' created, ' + job.updated + ' updated, ' + job.unchanged
      + ' unchanged, ' + job.failed + ' failed' + (job.rowsPerSecond ? ', ' + job.rowsPerSecond + ' records/s' : ''),
    job.error ? el('span', { class: 'bad', text: ' ' + job.error }) : null));
}
