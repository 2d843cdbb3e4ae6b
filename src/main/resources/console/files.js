// Bulk files: upload a CSV into the inbox (streamed; the server refuses files over its limit), the latest file
// jobs with live progress, rate and time left, and each finished job's result file.
import { call, getJson } from './api.js';
import { clear, el, once, seconds, showErrors } from './ui.js';

let timer = null;

export function leave() {
  clearInterval(timer);
  timer = null;
}

export function render(container) {
  const input = el('input', { id: 'file-input', name: 'file', type: 'file', accept: '.csv,text/csv' });
  const upload = el('button', { id: 'file-upload', type: 'submit', class: 'primary', text: 'Upload' });
  const form = el('form', { id: 'file-form', novalidate: true },
    el('label', { for: 'file-input', text: 'CSV file (userName,email,firstName,lastName,company,action)' }),
    el('div', { class: 'row' }, input, upload),
    el('span', { class: 'field-error', 'data-error-for': 'name' }),
    el('p', { class: 'form-error', role: 'alert' }),
    el('p', { id: 'file-status', role: 'status' }));
  const jobs = el('div', { id: 'files-jobs', 'aria-live': 'polite' });
  container.append(el('h2', { text: 'Bulk files' }), form, el('h3', { text: 'Latest files' }), jobs);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    once(upload, async () => {
      const file = input.files[0];
      if (!file) {
        showErrors(form, { message: 'Choose a CSV file first', fieldErrors: [] });
        return;
      }
      form.querySelector('#file-status').textContent = 'Uploading ' + file.name + '…';
      try {
        const answer = await call('POST', '/api/bulk-files?name=' + encodeURIComponent(file.name), file)
          .then((r) => r.json());
        showErrors(form, null);
        form.querySelector('#file-status').textContent = answer.file + ' (' + answer.bytes
          + ' bytes) is in the inbox; its job appears below once it is taken.';
        input.value = '';
        refresh(jobs);
      } catch (error) {
        form.querySelector('#file-status').textContent = '';
        showErrors(form, error);
      }
    });
  });
  refresh(jobs);
  timer = setInterval(() => refresh(jobs), 2000);
}

async function refresh(out) {
  try {
    const answer = await getJson('/api/bulk-files');
    const head = ['File', 'Status', 'Rows read', 'Valid', 'Invalid', 'Provisioned', 'Failed', 'Pending', 'Rate',
      'Time left', 'Result'];
    clear(out).append(el('table', { id: 'files-table' },
      el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, answer.jobs.map((job) => el('tr', { 'data-file': job.file },
        el('td', { text: job.file }),
        el('td', { class: 'job-status', text: job.status }),
        el('td', { text: job.read }), el('td', { text: job.valid }), el('td', { text: job.invalid }),
        el('td', { class: 'provisioned', text: job.provisioned }), el('td', { text: job.provisioningFailed }),
        el('td', { text: job.provisioningPending }),
        el('td', { text: job.rowsPerSecond === null ? '–' : job.rowsPerSecond + ' rows/s' }),
        el('td', { text: job.status === 'completed' ? '–' : seconds(job.estimatedSecondsLeft) }),
        el('td', {}, job.resultAvailable
          ? el('a', { class: 'result', href: '/api/bulk-files/' + encodeURIComponent(job.id) + '/result',
            download: job.file + '.result.csv', text: 'result file' })
          : '–'))))));
  } catch (e) {
    clear(out).append(el('p', { class: 'form-error', role: 'alert', text: e.message }));
  }
}
