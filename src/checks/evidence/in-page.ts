// Code that runs inside the visited page, kept as plain JavaScript source so that nothing the
// TypeScript toolchain adds can break it there. Each piece returns plain JSON. The page may
// tamper with what runs in it: that only ever spoils the evidence of that page.

/**
 * Before any script of the page: remember which scripts wrote each cookie (document.cookie)
 * and each local/session storage key, from the whole stack of the call, as the EDPS
 * website-evidence-collector does.
 */
export const INSTRUMENT_SCRIPT = `(() => {
  if (window.__dvcEvidence) return;
  const log = { cookies: [], storage: [], serviceWorkers: [] };
  Object.defineProperty(window, '__dvcEvidence', { value: log, enumerable: false });
  // The scripts on the call stack, innermost first, each once (at most 10): the writer, and
  // whoever called it (a tracker may write through a first-party helper).
  const callers = () => {
    const urls = ((new Error().stack || '').match(/(?:https?|file):\\/\\/[^\\s)]+/g) || []).map((u) => u.replace(/:\\d+:\\d+$/, '').slice(0, 500));
    return urls.filter((u, i) => urls.indexOf(u) === i).slice(0, 10);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie && cookie.set) {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true, enumerable: cookie.enumerable,
      get() { return cookie.get.call(this); },
      set(value) {
        try { if (log.cookies.length < 500) { const stack = callers(); log.cookies.push({ raw: String(value).slice(0, 4096), script: stack[0] || null, stack, at: Date.now() }); } } catch (e) {}
        return cookie.set.call(this, value);
      },
    });
  }
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    try {
      if (log.storage.length < 500) { const stack = callers(); log.storage.push({ area: this === window.sessionStorage ? 'session' : 'local', key: String(key).slice(0, 200), script: stack[0] || null, stack, at: Date.now() }); }
    } catch (e) {}
    return setItem.apply(this, arguments);
  };
  // Service workers are blocked in the checker's browser (their state would outlive the visit),
  // but the page's attempt to install one is evidence: what, for which scope, by which script.
  if (self.ServiceWorkerContainer) {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (url, options) {
      try {
        if (log.serviceWorkers.length < 20) {
          const stack = callers();
          log.serviceWorkers.push({ url: String(new URL(String(url), document.baseURI)).slice(0, 500), scope: options && options.scope ? String(options.scope).slice(0, 500) : null, script: stack[0] || null });
        }
      } catch (e) {}
      return register.apply(this, arguments);
    };
  }
})();`;

/** The document's local and session storage, keys and value lengths (an expression). */
const READ_STORAGE = `(() => {
  const storage = [];
  for (const [area, store] of [['local', () => window.localStorage], ['session', () => window.sessionStorage]]) {
    try {
      const s = store();
      for (let i = 0; i < s.length && storage.length < 500; i++) { const k = s.key(i); storage.push({ area, key: String(k).slice(0, 200), valueLength: (s.getItem(k) || '').length }); }
    } catch (e) { /* storage blocked */ }
  }
  return storage;
})()`;

/** A frame's storage and the cookie and storage writes INSTRUMENT_SCRIPT saw there, with its origin. */
export const FRAME_STORAGE_SCRIPT = `(() => ({
  origin: location.origin,
  storage: ${READ_STORAGE},
  written: window.__dvcEvidence || { cookies: [], storage: [], serviceWorkers: [] },
}))()`;

/** Everything read from the DOM once the page has loaded. */
export const COLLECT_SCRIPT = `(() => {
  const clip = (s, n) => (s || '').replace(/\\s+/g, ' ').trim().slice(0, n);
  const html = document.documentElement;
  const labelOf = (el) => {
    if (el.labels && el.labels.length) return clip(el.labels[0].innerText, 80);
    return clip(el.getAttribute('aria-label') || el.getAttribute('placeholder') || el.title, 80);
  };
  const forms = Array.from(document.forms).slice(0, 50).map((f) => ({
    action: f.action, method: (f.getAttribute('method') || 'get').toLowerCase(),
    fields: Array.from(f.elements).filter((e) => e.tagName !== 'BUTTON' && e.type !== 'hidden' && e.type !== 'submit' && e.type !== 'image')
      .slice(0, 100).map((e) => ({ name: e.name || '', id: e.id || '', type: e.type || '', autocomplete: e.getAttribute('autocomplete') || '', label: labelOf(e) })),
  }));
  // An SVG <a> has an SVGAnimatedString for href and no innerText: read both the way each element has them.
  const hrefOf = (a) => {
    if (typeof a.href === 'string') return a.href;
    try { return new URL(a.getAttribute('href') || a.getAttribute('xlink:href') || '', document.baseURI).href; } catch (e) { return ''; }
  };
  // Headings as assistive technology finds them: rendered and not aria-hidden, named by their
  // accessible name (aria-labelledby, aria-label, then text with images' alt).
  const hiddenFromAT = (el) => {
    if (el.closest('[aria-hidden="true"]')) return true;
    const cs = getComputedStyle(el);
    return cs.display === 'none' || cs.visibility === 'hidden' || (el.getClientRects().length === 0 && cs.display !== 'contents');
  };
  const textOf = (n) => {
    if (n.nodeType === 3) return n.nodeValue;
    if (n.nodeType !== 1 || n.getAttribute('aria-hidden') === 'true') return '';
    if (n.localName !== 'slot' && getComputedStyle(n).display === 'none') return '';
    if (n.localName === 'img' || n.localName === 'area' || (n.localName === 'input' && n.type === 'image')) return ' ' + (n.getAttribute('aria-label') || n.getAttribute('alt') || '') + ' ';
    if (n.getAttribute('role') === 'img' || n.localName === 'svg') return ' ' + (n.getAttribute('aria-label') || (n.querySelector && n.querySelector('title') ? n.querySelector('title').textContent : '')) + ' ';
    return Array.from(n.childNodes).map(textOf).join('');
  };
  const nameOf = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const byIds = ids.map((id) => document.getElementById(id)).filter(Boolean).map(textOf).join(' ');
    return clip(byIds.trim() ? byIds : (el.getAttribute('aria-label') || '').trim() ? el.getAttribute('aria-label') : textOf(el), 200);
  };
  const ref = (el) => (window.__dvcRef ? window.__dvcRef(el).selector : undefined);
  const visibleText = (el) => (typeof el.innerText === 'string' ? el.innerText : el.textContent) || '';
  // Links with what WCAG 2.4.4 counts as their context: the sentence, paragraph, list item or
  // table cell around them (and the header cells of that cell), aria-describedby and title,
  // and the heading before them (technique H80). Bounded: 1,000 links, 200 characters each.
  const CONTAINER = 'p, li, td, th, dd, dt, figcaption, caption, blockquote, label, legend, summary';
  const headerCells = (cell) => {
    const table = cell.closest('table');
    if (!table || cell.tagName !== 'TD') return '';
    const row = cell.parentElement;
    const rowHead = Array.from(row.cells).filter((c) => c.tagName === 'TH').map((c) => c.innerText).join(' ');
    const headRow = Array.from(table.rows).find((r) => r !== row && Array.from(r.cells).some((c) => c.tagName === 'TH'));
    let colHead = '';
    if (headRow) {
      let col = 0;
      for (const c of row.cells) { if (c === cell) break; col += c.colSpan || 1; }
      let at = 0;
      for (const c of headRow.cells) { if (col >= at && col < at + (c.colSpan || 1)) { if (c.tagName === 'TH') colHead = c.innerText; break; } at += c.colSpan || 1; }
    }
    return (rowHead + ' ' + colHead).trim();
  };
  const contextOf = (a, own) => {
    let box = a.parentElement ? a.parentElement.closest(CONTAINER) : null;
    if (!box) {
      const p = a.parentElement;
      if (p && p !== document.body && p !== document.documentElement && visibleText(p).length <= 300) box = p;
    }
    if (!box) return '';
    const around = visibleText(box).replace(/\\s+/g, ' ');
    const at = own ? around.indexOf(own) : -1;
    const rest = at >= 0 ? around.slice(0, at) + ' … ' + around.slice(at + own.length) : around;
    const extra = box.tagName === 'TD' ? headerCells(box) : '';
    return clip((rest.replace(/^[\\s…]+|[\\s…]+$/g, '') + (extra ? ' | ' + extra : '')).trim(), 200);
  };
  const idsText = (el, attr) => (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean).map((id) => document.getElementById(id)).filter(Boolean).map((e) => e.textContent).join(' ');
  const headingBefore = new Map();
  let lastHeading = '';
  // Links as assistive technology lists them: <a href> (SVG's too) and any element with role=link
  // (a scripted <div role="link">, which has no address to record).
  const LINKS = 'a[href], a[*|href], [role=link]';
  for (const el of document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading], ' + LINKS)) {
    if (el.matches(LINKS) && !/^h[1-6]$/.test(el.localName) && el.getAttribute('role') !== 'heading') headingBefore.set(el, lastHeading);
    else lastHeading = clip(el.textContent, 120);
  }
  const links = Array.from(document.querySelectorAll(LINKS)).slice(0, 1000).map((a) => {
    const text = clip(visibleText(a) || a.getAttribute('aria-label') || a.getAttribute('title') || (a.querySelector('img') && a.querySelector('img').alt), 200);
    const name = nameOf(a);
    const title = clip(a.getAttribute('title'), 200);
    const described = clip([idsText(a, 'aria-describedby'), title !== name ? title : ''].join(' '), 200);
    const anchor = a.localName === 'a' && (a.hasAttribute('href') || a.hasAttributeNS('http://www.w3.org/1999/xlink', 'href'));
    return { href: anchor ? hrefOf(a) : '', text, name, described, context: contextOf(a, clip(visibleText(a), 200)), heading: headingBefore.get(a) || '', selector: ref(a), hidden: hiddenFromAT(a) };
  });
  // Passages for the language checks (3.1.1, 3.1.2): the visible text of each block, split by
  // whether it inherits the page's language (no element of its own with a lang attribute).
  // Bounded: 400 blocks, 1,000 characters each.
  const BLOCK = 'p, li, td, th, dd, dt, blockquote, h1, h2, h3, h4, h5, h6, figcaption, caption, pre, address, legend, summary, label, button, option, div, section, article, main, header, footer, nav, aside, form, table, ul, ol, body';
  const blocks = new Map();
  if (document.body) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let n = walker.nextNode(); n && seen < 20000; n = walker.nextNode()) {
      const value = n.nodeValue;
      if (!value || !/\\p{L}/u.test(value)) continue;
      const p = n.parentElement;
      if (!p || p.closest('script, style, noscript, template, textarea, select')) continue;
      seen++;
      if (p.checkVisibility ? !p.checkVisibility({ visibilityProperty: true }) : p.getClientRects().length === 0) continue;
      const owner = p.closest('[lang]');
      const inherits = !owner || owner === html;
      const block = p.closest(BLOCK) || document.body;
      let entry = blocks.get(block);
      if (!entry) { if (blocks.size >= 400) continue; entry = { el: block, own: [], marked: 0 }; blocks.set(block, entry); }
      if (inherits) entry.own.push(value); else entry.marked += value.length;
    }
  }
  const passages = Array.from(blocks.values()).filter((b) => b.own.length).map((b) => ({
    selector: ref(b.el), tag: b.el.localName, text: clip(b.own.join(' '), 1000),
  }));
  const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')).filter((h) => !hiddenFromAT(h)).slice(0, 300)
    .map((h) => ({ level: Number(h.getAttribute('aria-level') || h.tagName.slice(1)) || 2, text: nameOf(h), selector: ref(h) }));
  const mixed = [];
  if (location.protocol === 'https:') {
    for (const el of document.querySelectorAll('img[src], script[src], iframe[src], audio[src], video[src], source[src], embed[src], object[data], link[rel~=stylesheet][href]')) {
      const url = el.src || el.href || el.data || '';
      if (url.startsWith('http:') && mixed.length < 200) mixed.push({ url, element: el.tagName.toLowerCase() });
    }
  }
  // Tables that hold data (numbers in their cells), and whether they say what their cells mean.
  const tables = Array.from(document.querySelectorAll('table')).slice(0, 100).map((t) => {
    // Its own cells only: a layout table around a data table does not own the data.
    const own = Array.from(t.rows).flatMap((r) => Array.from(r.cells));
    const cells = own.filter((c) => c.tagName === 'TD');
    return {
      rows: t.rows.length, headers: own.length - cells.length, caption: Boolean(t.caption),
      numericCells: cells.filter((c) => /^[\\s\\d.,%-]+$/.test(c.innerText) && /\\d/.test(c.innerText)).length,
      layout: t.getAttribute('role') === 'presentation' || t.getAttribute('role') === 'none',
    };
  });
  const storage = ${READ_STORAGE};
  const ns = html.namespaceURI;
  return {
    // A raw XML file is shown through Chromium's own HTML tree viewer: the document is XML, not that view.
    documentKind: ns === 'http://www.w3.org/2000/svg' ? 'svg'
      : document.getElementById('webkit-xml-viewer-source-xml') ? 'xml'
      : ns === 'http://www.w3.org/1999/xhtml' || /html/i.test(document.contentType) ? 'html' : 'xml',
    lang: html.getAttribute('lang') || html.getAttribute('xml:lang'),
    title: clip(document.title, 300),
    hasTitleElement: Boolean(document.querySelector('title')),
    // Policies the document gives itself: CSP and Referrer-Policy in <meta> (graded with the headers).
    // A <meta> CSP counts only as a child of <head>, its http-equiv trimmed, as Chromium enforces it.
    metaPolicies: {
      csp: Array.from(document.head ? document.head.children : []).filter((m) => m.localName === 'meta' && String(m.getAttribute('http-equiv') || '').trim().toLowerCase() === 'content-security-policy')
        .slice(0, 10).map((m) => String(m.getAttribute('content') || '').slice(0, 8192)),
      referrer: Array.from(document.querySelectorAll('meta[name="referrer" i], meta[http-equiv="referrer-policy" i]')).slice(0, 10).map((m) => String(m.getAttribute('content') || '').slice(0, 200)),
    },
    // Scripts and stylesheets by address, for Subresource Integrity: as written and as resolved. Bounded: 200.
    subresources: Array.from(document.querySelectorAll('script[src], link[rel~="stylesheet" i][href]')).slice(0, 200).map((el) => {
      const script = el.localName === 'script';
      const attr = (name) => (el.hasAttribute(name) ? String(el.getAttribute(name)).slice(0, 500) : null);
      return { kind: script ? 'script' : 'stylesheet', src: attr(script ? 'src' : 'href') || '', url: String(script ? el.src : el.href).slice(0, 500), integrity: attr('integrity'), crossorigin: attr('crossorigin') };
    }),
    text: (document.body ? document.body.innerText : '').slice(0, 300000),
    forms, links, headings, tables, mixed, storage, passages,
    written: window.__dvcEvidence || { cookies: [], storage: [], serviceWorkers: [] },
    height: Math.max(html.scrollHeight, document.body ? document.body.scrollHeight : 0),
  };
})()`;

/** Replaces personal data in text nodes and field values, so the screenshot shows it masked. */
export const MASK_SCRIPT = `((pairs) => {
  // The keyboard test left the focus somewhere: the screenshot shows the page as it loads.
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  if (!pairs.length || !document.body) return 0;
  let changed = 0;
  const swap = (s) => { let out = s; for (const [raw, masked] of pairs) out = out.split(raw).join(masked); return out; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { const v = swap(n.nodeValue); if (v !== n.nodeValue) { n.nodeValue = v; changed++; } }
  for (const f of document.querySelectorAll('input, textarea')) { const v = swap(f.value); if (v !== f.value) { f.value = v; changed++; } }
  return changed;
})`;
