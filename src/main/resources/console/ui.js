// Small DOM helpers. Values are always put in as text, never as HTML.

/** el('td', {class: 'x'}, 'text', child…) */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) { continue; }
    if (name === 'text') { node.textContent = value; } else if (name === 'on') {
      for (const [event, fn] of Object.entries(value)) { node.addEventListener(event, fn); }
    } else { node.setAttribute(name, value === true ? '' : value); }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) { continue; }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) { node.removeChild(node.firstChild); }
  return node;
}

const running = new WeakSet();

/**
 * Runs fn once per click: the button is disabled until fn settles, and a second click (or Enter) meanwhile is
 * ignored, so no action runs twice.
 */
export async function once(button, fn) {
  if (running.has(button)) { return undefined; }
  running.add(button);
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    running.delete(button);
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Puts the API's field errors next to their fields ([data-error-for]), the rest into the form's .form-error. */
export function showErrors(form, error) {
  form.querySelectorAll('[data-error-for]').forEach((node) => { node.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  if (general) { general.textContent = ''; }
  if (!error) { return; }
  let placed = 0;
  for (const field of error.fieldErrors || []) {
    const slot = form.querySelector('[data-error-for="' + CSS.escape(field.field) + '"]');
    if (slot) {
      slot.textContent = field.message;
      const input = form.querySelector('[name="' + CSS.escape(field.field) + '"]');
      if (input) { input.setAttribute('aria-invalid', 'true'); }
      placed++;
    }
  }
  if (general && (placed === 0 || placed < (error.fieldErrors || []).length)) {
    general.textContent = error.message;
  }
}

export function field(form, name, label, attrs) {
  const id = form + '-' + name;
  return [
    el('label', { for: id, text: label }),
    el('input', Object.assign({ id, name }, attrs || {})),
    el('span', { class: 'field-error', 'data-error-for': name, id: id + '-error' }),
  ];
}

export function pill(text, kind) {
  return el('span', { class: 'pill ' + (kind || ''), text });
}

export function seconds(value) {
  if (value === null || value === undefined) { return '–'; }
  if (value < 60) { return value + ' s'; }
  return Math.floor(value / 60) + ' min ' + (value % 60) + ' s';
}

/** A confirmation dialog; resolves true on confirm. */
export function confirmDialog(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = el('dialog', { id: 'confirm-dialog', 'aria-labelledby': 'confirm-title' },
      el('h2', { id: 'confirm-title', text: title }),
      el('p', { text }),
      el('div', { class: 'row' },
        el('button', { id: 'confirm-yes', class: 'danger', type: 'button', text: confirmLabel }),
        el('button', { id: 'confirm-no', type: 'button', text: 'Cancel' })));
    document.body.append(dialog);
    const done = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    dialog.querySelector('#confirm-yes').addEventListener('click', () => done(true));
    dialog.querySelector('#confirm-no').addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    dialog.showModal();
    dialog.querySelector('#confirm-no').focus();
  });
}
