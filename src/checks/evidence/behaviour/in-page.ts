// Code that runs inside the visited page (every frame: it is a context init script), as plain
// JavaScript source, recording what scripts do rather than where they come from, in the manner
// of The Markup's Blacklight: canvas drawn on then read back, audio rendered through an
// oscillator and a compressor then read, and listeners for many input, mouse and keyboard
// events on the whole document with a MutationObserver over it. Each record carries the
// calling script's URL and the scripts on its call stack. Everything is bounded; a page that
// tampers with it only spoils its own evidence.

/**
 * Before any script of the page. The log is `window.__dvcBehaviour`:
 * - canvas: reads of a canvas (toDataURL, toBlob, getImageData) with what was drawn on it;
 * - audio: renderings and analyser reads of an audio graph with what it was made of;
 * - listeners: per script, the event types it listens for on window/document/<html>/<body>,
 *   and how many MutationObservers it set on the whole document.
 */
export const BEHAVIOUR_INIT_SCRIPT = `(() => {
  if (window.__dvcBehaviour) return;
  const log = { canvas: [], audio: [], listeners: {}, scripts: 0, stacks: 0 };
  Object.defineProperty(window, '__dvcBehaviour', { value: log, enumerable: false });
  const MAX_STACKS = 5000;
  // The scripts on the call stack, innermost first, each once (at most 10), as INSTRUMENT_SCRIPT does;
  // null once MAX_STACKS stacks were taken (the call is still recorded, unattributed).
  const callers = () => {
    if (log.stacks >= MAX_STACKS) return null;
    log.stacks++;
    const urls = ((new Error().stack || '').match(/(?:https?|file):\\/\\/[^\\s)]+/g) || []).map((u) => u.replace(/:\\d+:\\d+$/, '').slice(0, 500));
    return urls.filter((u, i) => urls.indexOf(u) === i).slice(0, 10);
  };
  // A call with no script address on its stack comes from code the checker itself runs in the page
  // (axe-core draws text on a canvas and reads it back; the probes listen for focus): not the page's.
  // The page's own inline scripts and eval'd code carry the document's address.
  const ours = (stack) => stack !== null && stack.length === 0;
  const bump = (calls, name) => { if (calls[name] !== undefined || Object.keys(calls).length < 30) calls[name] = Math.min((calls[name] || 0) + 1, 1e6); };
  const wrap = (proto, name, before, after) => {
    if (!proto) return;
    const orig = proto[name];
    if (typeof orig !== 'function') return;
    proto[name] = function () {
      try { before(this, arguments); } catch (e) {}
      const out = orig.apply(this, arguments);
      if (after) { try { after(this, out, arguments); } catch (e) {} }
      return out;
    };
  };

  // Canvas. Blacklight's heuristic (after Englehardt and Narayanan, 2016) is applied to these
  // facts later: at least 16x16, text in two colours or ten distinct characters, no save,
  // restore or event listener on it, then read back.
  const canvases = new WeakMap();
  const stateOf = (canvas) => {
    let s = canvases.get(canvas);
    if (!s) { s = { chars: new Set(), styles: new Set(), texts: 0, images: 0, shapes: 0, forbidden: false, calls: {}, reads: {} }; canvases.set(canvas, s); }
    return s;
  };
  const C2D = window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype;
  const text = (fill) => (ctx, args) => {
    const s = stateOf(ctx.canvas);
    s.texts++;
    bump(s.calls, fill ? 'fillText' : 'strokeText');
    for (const ch of String(args[0]).slice(0, 200)) if (s.chars.size < 200) s.chars.add(ch);
    const style = String(fill ? ctx.fillStyle : ctx.strokeStyle);
    if (s.styles.size < 20) s.styles.add(style);
  };
  wrap(C2D, 'fillText', text(true));
  wrap(C2D, 'strokeText', text(false));
  for (const name of ['fillRect', 'strokeRect', 'fill', 'stroke', 'arc', 'rect', 'lineTo', 'bezierCurveTo', 'quadraticCurveTo', 'putImageData']) {
    wrap(C2D, name, (ctx) => { const s = stateOf(ctx.canvas); s.shapes++; bump(s.calls, name); });
  }
  wrap(C2D, 'drawImage', (ctx) => { const s = stateOf(ctx.canvas); s.images++; bump(s.calls, 'drawImage'); });
  // Drawing for people (charts, games) saves and restores state or listens to the canvas: never a fingerprint.
  const forbid = (canvas) => { const s = stateOf(canvas); s.forbidden = true; for (const k in s.reads) s.reads[k].forbidden = true; return s; };
  for (const name of ['save', 'restore']) wrap(C2D, name, (ctx) => bump(forbid(ctx.canvas).calls, name));
  const read = (method) => (canvas, args) => {
    const s = canvases.get(canvas);
    // Only canvases something was drawn on: a blank canvas read back says nothing.
    if (!s) return;
    bump(s.calls, method);
    let w = canvas.width, h = canvas.height;
    if (method === 'getImageData') { w = Math.abs(Number(args[2]) || 0); h = Math.abs(Number(args[3]) || 0); }
    const key = method + ':' + w + 'x' + h;
    if (s.reads[key]) { s.reads[key].count++; return; }
    if (log.canvas.length >= 30) return;
    const stack = callers();
    if (ours(stack)) return;
    const record = {
      read: method, count: 1, width: w, height: h, canvasWidth: canvas.width, canvasHeight: canvas.height,
      chars: s.chars.size, styles: s.styles.size, texts: s.texts, images: s.images, shapes: s.shapes, forbidden: s.forbidden,
      calls: s.calls, script: (stack && stack[0]) || null, stack: stack || [],
    };
    s.reads[key] = record;
    log.canvas.push(record);
  };
  const HC = window.HTMLCanvasElement && HTMLCanvasElement.prototype;
  wrap(HC, 'toDataURL', read('toDataURL'));
  wrap(HC, 'toBlob', read('toBlob'));
  wrap(C2D, 'getImageData', (ctx, args) => read('getImageData')(ctx.canvas, args));

  // Audio: an oscillator through a compressor or an analyser, rendered offline or read back.
  const graphs = new WeakMap();
  const graphOf = (ctx, offline) => {
    let g = graphs.get(ctx);
    if (!g) { g = { offline: Boolean(offline), oscillator: false, compressor: false, analyser: false, calls: {}, record: null }; graphs.set(ctx, g); }
    return g;
  };
  const isOffline = (ctx) => Boolean(window.OfflineAudioContext && ctx instanceof OfflineAudioContext);
  const BAC = (window.BaseAudioContext || window.AudioContext || {}).prototype;
  wrap(BAC, 'createOscillator', (ctx) => { const g = graphOf(ctx, isOffline(ctx)); g.oscillator = true; bump(g.calls, 'createOscillator'); });
  wrap(BAC, 'createDynamicsCompressor', (ctx) => { const g = graphOf(ctx, isOffline(ctx)); g.compressor = true; bump(g.calls, 'createDynamicsCompressor'); });
  wrap(BAC, 'createAnalyser', (ctx) => { const g = graphOf(ctx, isOffline(ctx)); g.analyser = true; bump(g.calls, 'createAnalyser'); });
  const audioRead = (g, method) => {
    bump(g.calls, method);
    if (g.record) { g.record.reads = Math.min(g.record.reads + 1, 1e6); return; }
    if (log.audio.length >= 20) return;
    const stack = callers();
    if (ours(stack)) return;
    g.record = { read: method, reads: 1, offline: g.offline, oscillator: g.oscillator, compressor: g.compressor, analyser: g.analyser, calls: g.calls, script: (stack && stack[0]) || null, stack: stack || [] };
    log.audio.push(g.record);
  };
  const rendered = new WeakMap();
  wrap(window.OfflineAudioContext && OfflineAudioContext.prototype, 'startRendering', (ctx) => audioRead(graphOf(ctx, true), 'startRendering'), (ctx, out) => {
    if (out && typeof out.then === 'function') out.then((buffer) => { try { if (buffer) rendered.set(buffer, graphOf(ctx, true)); } catch (e) {} }, () => {});
  });
  wrap(window.AudioBuffer && AudioBuffer.prototype, 'getChannelData', (buffer) => { const g = rendered.get(buffer); if (g) bump(g.calls, 'getChannelData'); });
  for (const name of ['getFloatFrequencyData', 'getByteFrequencyData', 'getFloatTimeDomainData', 'getByteTimeDomainData']) {
    wrap(window.AnalyserNode && AnalyserNode.prototype, name, (node) => { if (node.context) audioRead(graphOf(node.context, isOffline(node.context)), name); });
  }

  // Listeners on the whole document, per script: what a session recorder sets up.
  const RECORDED = { mousemove: 1, mousedown: 1, mouseup: 1, click: 1, dblclick: 1, contextmenu: 1, mouseover: 1, mouseout: 1, pointermove: 1, pointerdown: 1, pointerup: 1, wheel: 1,
    keydown: 1, keyup: 1, keypress: 1, input: 1, change: 1, focus: 1, blur: 1, focusin: 1, focusout: 1, select: 1, submit: 1, paste: 1, copy: 1, cut: 1,
    scroll: 1, resize: 1, touchstart: 1, touchmove: 1, touchend: 1, visibilitychange: 1, selectionchange: 1 };
  const whole = (t) => t === window || t === document || t === document.documentElement || (document.body !== null && t === document.body);
  const entryOf = (stack) => {
    if (ours(stack)) return null;
    const script = (stack && stack[0]) || '(unattributed)';
    let e = log.listeners[script];
    if (!e) {
      if (log.scripts >= 50) return null;
      log.scripts++;
      e = { stack: stack || [], types: {}, observers: 0 };
      log.listeners[script] = e;
    }
    return e;
  };
  wrap(window.EventTarget && EventTarget.prototype, 'addEventListener', (target, args) => {
    if (window.HTMLCanvasElement && target instanceof HTMLCanvasElement) forbid(target);
    const type = String(args[0]);
    if (!RECORDED[type] || !whole(target)) return;
    const e = entryOf(callers());
    if (e) bump(e.types, type);
  });
  wrap(window.MutationObserver && MutationObserver.prototype, 'observe', (observer, args) => {
    const options = args[1] || {};
    if (!options.subtree || !whole(args[0])) return;
    const e = entryOf(callers());
    if (e) e.observers = Math.min(e.observers + 1, 1e6);
  });
})();`;

/**
 * Reads a frame's behaviour log, the session recorders' globals it has (`globals` is
 * RECORDER_GLOBALS), and its local and session storage with values (bounded: 200 entries,
 * 4,096 characters each), for the visit to judge and drop. The storage writers come from
 * INSTRUMENT_SCRIPT's log, and so are the document.cookie writes (with their values, bounded).
 */
export const BEHAVIOUR_COLLECT_SCRIPT = `((globals) => {
  const log = window.__dvcBehaviour || null;
  const found = [];
  for (const [name, paths] of Object.entries(globals)) {
    for (const raw of paths) {
      const fn = raw.endsWith('()');
      const path = fn ? raw.slice(0, -2) : raw;
      try {
        let v = window;
        for (const p of path.split('.')) v = v == null ? undefined : v[p];
        if (fn ? typeof v === 'function' : v !== undefined) { found.push({ name, global: raw }); break; }
      } catch (e) {}
    }
  }
  const storage = [];
  for (const [area, store] of [['local', () => window.localStorage], ['session', () => window.sessionStorage]]) {
    try {
      const s = store();
      for (let i = 0; i < s.length && storage.length < 200; i++) { const k = s.key(i); storage.push({ area, key: String(k).slice(0, 200), value: String(s.getItem(k) || '').slice(0, 4096) }); }
    } catch (e) { /* storage blocked */ }
  }
  const writes = ((window.__dvcEvidence && window.__dvcEvidence.storage) || []).slice(-200).map((w) => ({ area: w.area, key: w.key, stack: (w.stack || []).slice(0, 10) }));
  const cookieWrites = ((window.__dvcEvidence && window.__dvcEvidence.cookies) || []).slice(-100).map((w) => ({ raw: String(w.raw || '').slice(0, 4096), stack: (w.stack || []).slice(0, 10) }));
  return { origin: location.origin, log, globals: found, storage, writes, cookieWrites };
})`;

/**
 * Finds the fields the keystroke probe types into (visible, enabled text, e-mail, telephone
 * and search inputs, at most `max`), keeps them in `window.__dvcCanaryFields`, and stops the
 * document from submitting anything while the probe runs: a capturing submit listener that
 * cancels, and form.submit()/requestSubmit() made to do nothing.
 */
export const CANARY_FIELDS_SCRIPT = `((max) => {
  const TYPES = { text: 1, email: 1, tel: 1, search: 1, '': 1 };
  if (!window.__dvcNoSubmit) {
    Object.defineProperty(window, '__dvcNoSubmit', { value: true });
    window.addEventListener('submit', (e) => { e.preventDefault(); e.stopImmediatePropagation(); }, true);
    try {
      HTMLFormElement.prototype.submit = function () {};
      HTMLFormElement.prototype.requestSubmit = function () {};
    } catch (e) {}
  }
  const fields = [];
  for (const el of document.querySelectorAll('input')) {
    if (fields.length >= max) break;
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (!TYPES[type] || el.disabled || el.readOnly) continue;
    if (el.checkVisibility ? !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : el.getClientRects().length === 0) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    fields.push(el);
  }
  Object.defineProperty(window, '__dvcCanaryFields', { value: fields, configurable: true });
  return fields.map((el) => ({ type: (el.getAttribute('type') || 'text').toLowerCase(), name: String(el.name || el.id || '').slice(0, 60) }));
})`;
