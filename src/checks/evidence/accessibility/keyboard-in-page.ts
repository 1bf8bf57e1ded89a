// In-page JavaScript of the keyboard probe (keyboard.ts), kept as plain source strings so that
// nothing the TypeScript toolchain adds can break it in the page. Each returns plain JSON.
// A hostile page can spoil what runs here: that only ever spoils its own evidence.

/**
 * Added to the browser context before any script of the page (every frame): remembers which
 * elements got a click-like listener, so that a clickable <span> without a role is known.
 */
export const KEYBOARD_INIT_SCRIPT = `(() => {
  if (window.__dvcClickListeners) return;
  const seen = new WeakSet();
  Object.defineProperty(window, '__dvcClickListeners', { value: seen, enumerable: false });
  const add = EventTarget.prototype.addEventListener;
  const CLICKY = { click: 1, mousedown: 1, mouseup: 1, pointerdown: 1, pointerup: 1 };
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    try { if (CLICKY[type] && this && this.nodeType === 1) seen.add(this); } catch (e) {}
    return add.apply(this, arguments);
  };
})();`;

/**
 * Per document: numbers every element it is asked about (window.__dvcKbId), and lists the
 * interactive elements (by role, by handler, by pointer cursor with a click listener) that are
 * visible and not disabled, inert or hidden from assistive technology, with whether they are in
 * the Tab order. Needs ELEMENT_REF_SCRIPT (frames.ts).
 */
export const KEYBOARD_SETUP_SCRIPT = `(() => {
  if (!window.__dvcKb) {
    const ids = new WeakMap();
    const els = new Map();
    const idOf = (el) => { if (!ids.has(el)) { ids.set(el, els.size); els.set(els.size, el); } return ids.get(el); };
    Object.defineProperty(window, '__dvcKb', { value: { idOf, els, ids }, configurable: true });
  }
  const kb = window.__dvcKb;
  const ROLES = ['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'combobox', 'textbox', 'searchbox', 'slider', 'spinbutton', 'treeitem', 'gridcell'];
  const NATIVE = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, audio[controls], video[controls], [contenteditable=""], [contenteditable=true]';
  const listeners = window.__dvcClickListeners;
  const all = [];
  const collect = (root) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) collect(el.shadowRoot);
    }
  };
  collect(document);
  const visible = (el) => {
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };
  const hidden = (el) => {
    for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host) || null) {
      if (e.nodeType !== 1) break;
      if (e.hasAttribute('inert') || e.getAttribute('aria-hidden') === 'true') return true;
    }
    return false;
  };
  const why = (el) => {
    const role = (el.getAttribute('role') || '').trim().split(/\\s+/)[0];
    if (el.matches(NATIVE)) return 'native';
    if (ROLES.includes(role)) return 'role';
    if (el.hasAttribute('onclick')) return 'onclick';
    if (listeners && listeners.has(el) && getComputedStyle(el).cursor === 'pointer') return 'listener';
    return null;
  };
  // Composite widgets move focus inside with arrow keys: one Tab stop for the whole group.
  const group = (el) => {
    if (el.localName === 'input' && el.type === 'radio' && el.name) return 'radio:' + (el.form ? kb.idOf(el.form) : '-') + ':' + el.name;
    const role = el.getAttribute('role');
    const container = { radio: '[role=radiogroup]', tab: '[role=tablist]', menuitem: '[role=menu], [role=menubar]', menuitemcheckbox: '[role=menu], [role=menubar]', menuitemradio: '[role=menu], [role=menubar]', option: '[role=listbox]', treeitem: '[role=tree]', gridcell: '[role=grid], [role=treegrid]' }[role];
    const c = container && el.closest(container);
    return c ? 'group:' + kb.idOf(c) : null;
  };
  const out = [];
  for (const el of all) {
    if (el === document.body || el === document.documentElement) continue;
    const reason = why(el);
    if (!reason || !visible(el) || el.disabled || el.matches(':disabled') || hidden(el)) continue;
    if (el.localName === 'label') continue;
    out.push({ id: kb.idOf(el), reason, tabbable: el.tabIndex >= 0, group: group(el) });
    if (out.length >= 3000) break;
  }
  kb.interactive = out;
  return { interactive: out.length, tabbable: out.filter((x) => x.tabbable).length };
})()`;

/**
 * The element that holds the focus in this document, through open shadow roots; null when
 * it is the body (nobody). A frame element is reported as such so the caller looks inside it.
 */
export const KEYBOARD_ACTIVE_SCRIPT = `(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const tag = el.localName;
  const type = (el.getAttribute('type') || '').toLowerCase();
  const composite = (tag === 'input' && ['date', 'time', 'datetime-local', 'month', 'week'].includes(type))
    || ((tag === 'audio' || tag === 'video') && el.hasAttribute('controls')) || tag === 'select';
  const dialog = el.closest('dialog[open], [role=dialog][aria-modal=true], [role=alertdialog][aria-modal=true]');
  return { id: window.__dvcKb.idOf(el), ref: window.__dvcRef(el), frame: tag === 'iframe' || tag === 'frame', composite, inModal: Boolean(dialog) };
})()`;

/** Which of the listed interactive elements no walk reached (nor an ancestor or a descendant of them, nor their group). */
export const KEYBOARD_UNREACHED_SCRIPT = `((reached) => {
  const kb = window.__dvcKb;
  if (!kb || !kb.interactive) return { unreached: [], dropped: 0 };
  const reachedEls = reached.map((id) => kb.els.get(id)).filter(Boolean);
  const groups = new Set(kb.interactive.filter((x) => reached.includes(x.id) && x.group).map((x) => x.group));
  const related = (el) => reachedEls.some((r) => r === el || r.contains(el) || el.contains(r)
    || (r.getRootNode().host && r.getRootNode().host === el));
  const out = [];
  let dropped = 0;
  for (const x of kb.interactive) {
    const el = kb.els.get(x.id);
    if (!el || !el.isConnected || (x.group && groups.has(x.group)) || related(el)) continue;
    if (out.length < 50) out.push({ ...window.__dvcRef(el), reason: x.reason, tabbable: x.tabbable });
    else dropped++;
  }
  return { unreached: out, dropped };
})`;

/** Blurs whatever holds the focus in this document (the walk starts from nobody). */
export const KEYBOARD_BLUR_SCRIPT = `(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (el && el !== document.body && el.blur) el.blur();
  return true;
})()`;

/** Waits a macrotask and two animation frames (bounded: a page that stops rAF does not stop us). */
export const KEYBOARD_FRAME_WAIT_SCRIPT = `new Promise((resolve) => {
  const done = setTimeout(resolve, 200);
  setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(done); resolve(true); })), 0);
})`;

/**
 * Focus-visible sampling, per element: 'focus' focuses it as the keyboard would (focusVisible)
 * and reports whether it holds the focus; 'blur' takes it away. `before` is the state the
 * previous capture was taken in: whether it still held is reported too (held), so that a page
 * that moved the focus during a capture is seen. Then it waits for the finite animations and
 * transitions running on the page (bounded) and a frame, so the new state is drawn.
 */
export const KEYBOARD_FOCUS_STATE_SCRIPT = `(([id, state, before]) => new Promise((resolve) => {
  const el = window.__dvcKb && window.__dvcKb.els.get(id);
  if (!el || !el.isConnected) return resolve({ ok: false, held: false, why: 'gone' });
  const deep = () => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; };
  const held = before === null || (deep() === el) === (before === 'focus');
  if (!document.getElementById('__dvc-no-caret')) {
    const s = document.createElement('style');
    s.id = '__dvc-no-caret';
    s.textContent = '* { caret-color: transparent !important; }';
    (document.head || document.documentElement).appendChild(s);
  }
  if (state === null) return resolve({ ok: true, held, why: null });
  try {
    if (state === 'focus') el.focus({ preventScroll: true, focusVisible: true });
    else el.blur();
  } catch (e) {}
  const ok = (deep() === el) === (state === 'focus');
  const done = () => resolve({ ok, held, why: ok ? null : 'focus_moved' });
  const running = (document.getAnimations ? document.getAnimations() : []).filter((a) => {
    try { return a.playState === 'running' && isFinite(a.effect.getComputedTiming().endTime); } catch (e) { return false; }
  });
  const cap = setTimeout(done, 400);
  Promise.all(running.map((a) => a.finished.catch(() => null))).then(() => requestAnimationFrame(() => { clearTimeout(cap); done(); }));
}))`;

/**
 * Focus-visible sampling, per element: brought into view if it is not, then where it is (CSS px
 * of its document's viewport), that document's scroll, and whether it still holds the focus.
 */
export const KEYBOARD_FOCUS_PLACE_SCRIPT = `((id) => {
  const el = window.__dvcKb && window.__dvcKb.els.get(id);
  if (!el || !el.isConnected) return null;
  let r = el.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    r = el.getBoundingClientRect();
  }
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return { box: { x: r.x, y: r.y, width: r.width, height: r.height }, scroll: { x: window.scrollX, y: window.scrollY }, held: a === el };
})`;

/** Removes what the focus sampling added (the caret style). */
export const KEYBOARD_CLEANUP_SCRIPT = `(() => { const s = document.getElementById('__dvc-no-caret'); if (s) s.remove(); return true; })()`;

