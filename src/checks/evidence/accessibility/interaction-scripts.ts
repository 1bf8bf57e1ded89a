// In-page JavaScript for the interaction probes (interaction.ts), kept as plain source like
// in-page.ts. Each script installs one object on window (once per document) and returns JSON.
// Element references use window.__dvcRef (frames.ts, ELEMENT_REF_SCRIPT), installed before.

/** Shared helpers: visibility, focusables in document order, accessible-ish names. */
const HELPERS = `
  const clip = (s, n) => String(s || '').replace(/\\s+/g, ' ').trim().slice(0, n);
  const ref = (el) => window.__dvcRef(el);
  const visible = (el) => {
    if (!el || !el.getClientRects || !el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  const FOCUSABLE = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, iframe, summary, [tabindex], [contenteditable=""], [contenteditable=true]';
  const focusables = (root) => Array.from((root || document).querySelectorAll(FOCUSABLE)).filter((el) => !el.disabled && el.getAttribute('tabindex') !== '-1' && visible(el));
  const byIds = (ids) => String(ids || '').split(/\\s+/).filter(Boolean).map((id) => document.getElementById(id)).filter(Boolean);
  const labelText = (el) => {
    const parts = [];
    parts.push(...byIds(el.getAttribute('aria-labelledby')).map((e) => e.innerText || e.textContent));
    if (el.labels) parts.push(...Array.from(el.labels).map((l) => l.innerText || l.textContent));
    parts.push(el.getAttribute('aria-label') || '', el.getAttribute('title') || '');
    return clip(parts.join(' '), 300);
  };
  const describedText = (el) => clip(byIds(el.getAttribute('aria-describedby')).map((e) => e.innerText || e.textContent).join(' '), 300);
`;

/**
 * window.__dvcStructure.scan(): what the static checks need, read once — links inside blocks
 * of text with their style cues, form fields (required markers, label colours), radio and
 * checkbox groups, text styled as a heading, skip links, landmarks and headings.
 */
export const STRUCTURE_SCRIPT = `(() => {
  if (window.__dvcStructure) return;
  ${HELPERS}
  const BLOCK = /^(block|list-item|table-cell|flex|grid|table-caption|flow-root)$/;
  const blockOf = (el) => { for (let e = el.parentElement; e; e = e.parentElement) if (BLOCK.test(getComputedStyle(e).display)) return e; return document.body; };
  const els = [];
  const keep = (el) => { els.push(el); return els.length - 1; };
  const decoOf = (el, stop) => {
    const out = new Set();
    for (let e = el; e && e !== stop; e = e.parentElement) {
      const cs = getComputedStyle(e);
      for (const d of cs.textDecorationLine.split(' ')) if (d !== 'none' && cs.textDecorationColor !== 'rgba(0, 0, 0, 0)') out.add(d);
    }
    return out;
  };
  const opaqueBg = (el) => { for (let e = el; e; e = e.parentElement) { const b = getComputedStyle(e).backgroundColor; if (b && b !== 'transparent' && b !== 'rgba(0, 0, 0, 0)') return b; } return 'rgb(255, 255, 255)'; };
  /** Every way the link looks different from the text sample, other than its colour. */
  const cues = (a, sample, block) => {
    const out = [];
    const la = getComputedStyle(a), ts = getComputedStyle(sample);
    const inner = [a, ...Array.from(a.querySelectorAll('*')).slice(0, 10)];
    const ld = new Set(); for (const e of inner) for (const d of decoOf(e, block)) ld.add(d);
    const td = decoOf(sample, block);
    for (const d of ld) if (!td.has(d)) out.push('decoration:' + d);
    for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
      if (parseFloat(la['border' + side + 'Width']) >= 1 && !/none|hidden/.test(la['border' + side + 'Style']) && la['border' + side + 'Color'] !== 'rgba(0, 0, 0, 0)') { out.push('border'); break; }
    }
    const weight = Math.max(...inner.map((e) => Number(getComputedStyle(e).fontWeight) || 400));
    if (Math.abs(weight - (Number(ts.fontWeight) || 400)) >= 100) out.push('font-weight');
    if (inner.some((e) => getComputedStyle(e).fontStyle !== ts.fontStyle)) out.push('font-style');
    if (la.fontFamily !== ts.fontFamily) out.push('font-family');
    if (Math.abs(parseFloat(la.fontSize) - parseFloat(ts.fontSize)) >= 0.1 * parseFloat(ts.fontSize)) out.push('font-size');
    if (la.textTransform !== ts.textTransform || la.fontVariant !== ts.fontVariant) out.push('text-transform');
    if (opaqueBg(a) !== opaqueBg(sample)) out.push('background');
    if (la.boxShadow && la.boxShadow !== 'none') out.push('box-shadow');
    if (la.outlineStyle !== 'none' && parseFloat(la.outlineWidth) > 0) out.push('outline');
    for (const p of ['::before', '::after']) { const c = getComputedStyle(a, p).content; if (c && c !== 'none' && c !== 'normal' && c !== '""') { out.push('pseudo-content'); break; } }
    if (a.querySelector('img, svg, picture')) out.push('icon');
    return Array.from(new Set(out));
  };
  /** A text node of the block outside any link, and the element that styles it. */
  const textSample = (block) => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let own = '';
    let sample = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentElement;
      if (!p || p.closest('a, button, script, style, [hidden]') || !n.textContent.trim()) continue;
      if (!visible(p)) continue;
      own += n.textContent;
      if (!sample && n.textContent.trim().length >= 3) sample = p;
    }
    return { own: clip(own, 2000), sample };
  };
  const textLinks = () => {
    const out = [];
    let inText = 0;
    for (const a of Array.from(document.querySelectorAll('a[href]')).slice(0, 500)) {
      if (!visible(a) || !clip(a.innerText, 200)) continue;
      const block = blockOf(a);
      if (a.closest('nav, [role=navigation], [role=menu], [role=menubar], [role=tablist]')) continue;
      const { own, sample } = textSample(block);
      // In a block of text: at least a few words of the block's own text beside the link.
      if (!sample || own.replace(/[\\s\\p{P}\\p{S}]/gu, '').length < 20) continue;
      inText++;
      const c = cues(a, sample, block);
      if (c.length) continue;
      if (out.length >= 30) continue;
      out.push({ i: keep(a), el: ref(a), linkColour: getComputedStyle(a).color, textColour: getComputedStyle(sample).color, background: opaqueBg(a), cues: c });
    }
    return { inText, colourOnly: out };
  };
  const reddish = (c) => { const m = /^rgba?\\((\\d+), (\\d+), (\\d+)(?:, ([\\d.]+))?\\)$/.exec(c || ''); if (!m) return false; const [r, g, b] = [+m[1], +m[2], +m[3]]; return r >= 150 && r - Math.max(g, b) >= 80; };
  const REQUIRED_WORD = /bắt buộc|bat buoc|required|yêu cầu nhập|phải nhập|không được để trống|mandatory/i;
  const FIELD = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image]):not([type=reset]), select, textarea';
  const colourOfLabel = (l) => {
    // The label's own colour, or that of a short marker inside it (a red "*" or word).
    const colours = new Set([getComputedStyle(l).color]);
    for (const e of Array.from(l.querySelectorAll('*')).slice(0, 10)) if (clip(e.innerText, 40)) colours.add(getComputedStyle(e).color);
    return Array.from(colours);
  };
  const fields = () => {
    const out = [];
    for (const el of Array.from(document.querySelectorAll(FIELD)).slice(0, 200)) {
      if (!visible(el)) continue;
      const label = el.labels && el.labels[0];
      const text = labelText(el);
      out.push({
        i: keep(el), el: ref(el), type: el.type || el.localName, name: el.name || '',
        label: text, labelColours: label ? colourOfLabel(label) : [],
        labelRed: label ? colourOfLabel(label).some(reddish) : false,
        requiredAttr: el.required || el.getAttribute('aria-required') === 'true',
        asterisk: /\\*/.test(text), requiredWord: REQUIRED_WORD.test(text + ' ' + describedText(el) + ' ' + (el.getAttribute('placeholder') || '')),
        form: el.form ? Array.from(document.forms).indexOf(el.form) : -1,
      });
    }
    return out;
  };
  const nameOfGroup = (g) => clip(byIds(g.getAttribute('aria-labelledby')).map((e) => e.innerText).join(' ') || g.getAttribute('aria-label'), 200);
  const groups = () => {
    const by = new Map();
    for (const el of Array.from(document.querySelectorAll('input[type=radio], input[type=checkbox]')).slice(0, 300)) {
      if (!visible(el) || !el.name) continue;
      const key = el.type + '|' + (el.form ? Array.from(document.forms).indexOf(el.form) : -1) + '|' + el.name;
      if (!by.has(key)) by.set(key, []);
      by.get(key).push(el);
    }
    const out = [];
    for (const [key, members] of by) {
      if (members.length < 2 || out.length >= 30) continue;
      const first = members[0];
      let grouped = null;
      const fs = first.closest('fieldset');
      if (fs && members.every((m) => fs.contains(m))) { const lg = fs.querySelector(':scope > legend'); if (lg && clip(lg.innerText, 200)) grouped = 'fieldset'; }
      if (!grouped) { const g = first.closest('[role=group], [role=radiogroup]'); if (g && members.every((m) => g.contains(m)) && nameOfGroup(g)) grouped = 'role'; }
      // The question: short text just before the first option in the options' common container, not any control's label.
      let container = first.parentElement;
      while (container && !members.every((m) => container.contains(m))) container = container.parentElement;
      let question = null;
      const labels = new Set(members.flatMap((m) => Array.from(m.labels || [])));
      const probeFrom = container || document.body;
      const scope = probeFrom.parentElement && probeFrom !== document.body ? probeFrom.parentElement : probeFrom;
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      let last = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (first.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING) break;
        const p = n.parentElement;
        if (!p || !n.textContent.trim() || Array.from(labels).some((l) => l.contains(n)) || p.closest('script, style, option') || !visible(p)) continue;
        last = n;
      }
      if (last) { const t = clip(last.textContent, 120); if (t.length >= 2 && t.length <= 100) question = t; }
      const q = question ? question.replace(/[:*\\s]+$/u, '').toLowerCase() : null;
      const namesIncludeQuestion = Boolean(q) && members.every((m) => (labelText(m) + ' ' + describedText(m)).toLowerCase().includes(q));
      out.push({ i: keep(first), el: ref(first), kind: first.type, name: first.name, size: members.length, grouped, question, namesIncludeQuestion });
    }
    return out;
  };
  const HEADINGISH = 'h1, h2, h3, h4, h5, h6, [role=heading], a, button, label, legend, caption, th, summary, option, li, dt';
  const pseudoHeadings = () => {
    const base = parseFloat(getComputedStyle(document.body).fontSize) || 16;
    const out = [];
    for (const el of Array.from(document.body.querySelectorAll('p, div, span, strong, b, font, td')).slice(0, 3000)) {
      if (out.length >= 10) break;
      if (!visible(el) || el.closest(HEADINGISH) || el.querySelector(HEADINGISH) || el.closest('header, footer, nav, [role=banner], [role=contentinfo], [role=navigation]')) continue;
      const text = clip(el.innerText, 200);
      if (text.length < 3 || text.length > 80 || /[.;,]$/.test(text)) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'inline' && clip(el.parentElement && el.parentElement.innerText, 200) !== text) continue;
      if (cs.display === 'inline') continue; // its block parent is judged instead
      const size = parseFloat(cs.fontSize);
      const weight = Math.max(Number(cs.fontWeight) || 400, ...Array.from(el.children).filter((c) => clip(c.innerText, 200) === text).map((c) => Number(getComputedStyle(c).fontWeight) || 400));
      const sizeOf = Math.max(size, ...Array.from(el.children).filter((c) => clip(c.innerText, 200) === text).map((c) => parseFloat(getComputedStyle(c).fontSize)));
      if (!((sizeOf >= 1.2 * base && weight >= 600) || sizeOf >= 1.5 * base)) continue;
      if (out.some((o) => o.node.contains(el))) continue;
      out.push({ node: el, i: keep(el), el: ref(el), fontSize: Math.round(sizeOf), fontWeight: weight, bodyFontSize: Math.round(base) });
    }
    return out.map(({ node, ...o }) => o);
  };
  const SKIP_TEXT = /bỏ qua|bo qua|chuyển (đến|tới|xuống) (phần )?nội dung|đến nội dung chính|tới nội dung chính|nội dung chính|skip|jump to|main content/i;
  const bypass = () => {
    const all = focusables(document);
    const main = document.querySelector('main, [role=main]');
    const h1 = document.querySelector('h1, [role=heading][aria-level="1"]');
    const skipLinks = [];
    for (const a of all.slice(0, 5)) {
      if (a.localName !== 'a') continue;
      const raw = a.getAttribute('href') || '';
      let url; try { url = new URL(a.href); } catch (e) { continue; }
      const here = new URL(location.href);
      if (!url.hash || url.hash === '#' || url.origin + url.pathname + url.search !== here.origin + here.pathname + here.search) continue;
      const id = decodeURIComponent(url.hash.slice(1));
      const target = document.getElementById(id) || document.getElementsByName(id)[0] || null;
      const name = clip(a.innerText || a.getAttribute('aria-label') || a.title, 120);
      skipLinks.push({ i: keep(a), el: ref(a), href: raw.slice(0, 300), target: target ? ref(target) : null, targetIndex: target ? keep(target) : null, skipText: SKIP_TEXT.test(name) || /^#(main|content|noi-?dung|maincontent|main-content)/i.test(raw) });
    }
    const start = (skipLinks.find((s) => s.targetIndex !== null) && els[skipLinks.find((s) => s.targetIndex !== null).targetIndex]) || main || h1;
    const firstText = () => Array.from(document.body.querySelectorAll('p, td, li, div')).find((e) => visible(e) && !e.querySelector('p, div, li, td, a') && clip(e.innerText, 400).length >= 80) || null;
    const startEl = start || firstText();
    const before = startEl ? all.filter((e) => !startEl.contains(e) && (e.compareDocumentPosition(startEl) & Node.DOCUMENT_POSITION_FOLLOWING)).length : null;
    return {
      focusables: all.length, focusablesBeforeMain: before,
      mainStart: start ? (start === main ? 'main' : start === h1 ? 'h1' : 'skip_target') : startEl ? 'text' : null,
      skipLinks: skipLinks.map(({ targetIndex, ...s }) => ({ ...s, targetIndex })),
      landmarks: {
        main: document.querySelectorAll('main, [role=main]').length,
        navigation: document.querySelectorAll('nav, [role=navigation]').length,
        banner: document.querySelectorAll('body > header, [role=banner]').length,
      },
      headings: document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]').length,
      titledFrames: Array.from(document.querySelectorAll('iframe[title], frame[title]')).filter((f) => clip(f.title, 100)).length,
    };
  };
  const instruction = () => {
    const t = clip(document.body.innerText, 20000);
    const m = /[^.\\n]{0,80}(màu đỏ|chữ đỏ|in red|marked red|coloured red|colored red|red (label|field|text))[^.\\n]{0,80}/i.exec(t);
    return m && /bắt buộc|required|phải|mandatory/i.test(m[0]) ? clip(m[0], 200) : null;
  };
  Object.defineProperty(window, '__dvcStructure', { configurable: true, value: {
    scan: () => ({ links: textLinks(), fields: fields(), groups: groups(), pseudoHeadings: pseudoHeadings(), bypass: bypass(), colourInstruction: instruction(),
      asteriskExplained: /\\*[^\\n]{0,60}(bắt buộc|required|phải nhập|mandatory)|(bắt buộc|required)[^\\n]{0,30}\\*/i.test(clip(document.body.innerText, 20000)) }),
    el: (i) => els[i],
    cuesNow: (i) => { const a = els[i]; const block = blockOf(a); const { sample } = textSample(block); return sample ? cues(a, sample, block) : []; },
  } });
})()`;

/**
 * window.__dvcContext: focus an element or change a field, then say what the page did —
 * where the focus went, how much of the visible text was replaced — and put the value back.
 */
export const CONTEXT_SCRIPT = `(() => {
  if (window.__dvcContext) return;
  ${HELPERS}
  const els = [];
  const TEXTLIKE = /^(text|search|email|tel|url|number|textarea)$/;
  const kindOf = (el) => {
    if (el.localName === 'select') return 'select';
    if (el.localName === 'textarea') return 'text';
    if (el.localName !== 'input') return null;
    const t = (el.type || 'text').toLowerCase();
    if (t === 'radio' || t === 'checkbox') return t;
    return TEXTLIKE.test(t) ? 'text' : null;
  };
  const SAMPLE = { email: 'thu@vidu.vn', tel: '0912', url: 'https://vidu.vn', number: '1' };
  const words = () => clip(document.body ? document.body.innerText : '', 200000).toLowerCase().split(' ').filter(Boolean).slice(0, 20000);
  let state = null;
  const onFocus = (e) => { if (state && state.focusLog.length < 20) state.focusLog.push(e.target); };
  document.addEventListener('focusin', onFocus, true);
  const ADVISORY = /(sẽ|tự động)\\s+(được\\s+)?(chuyển|mở|tải lại|đi tới|đi đến|hiển thị trang|cập nhật trang)|chuyển (sang|đến|tới) trang|mở (ra )?(trang|cửa sổ|tab) mới|cửa sổ mới|tab mới|will (open|go|navigate|redirect|reload|take you|load)|opens? (in )?a new (window|tab)|new window|new tab|automatically/i;
  const SUBMIT_TEXT = /^(xem|tìm|tìm kiếm|tra cứu|gửi|đi|chọn|lọc|áp dụng|cập nhật|go|submit|search|view|apply|ok|send)$/i;
  const advisoryNear = (el) => {
    const texts = [labelText(el), describedText(el), el.getAttribute('title') || ''];
    const box = el.closest('fieldset, [role=group], [role=radiogroup], p, li, td, label') || el.parentElement;
    if (box) texts.push(clip(box.innerText, 400));
    for (const s of [el.previousElementSibling, el.nextElementSibling, box && box.previousElementSibling, box && box.nextElementSibling]) if (s) texts.push(clip(s.innerText, 300));
    const hit = texts.map((t) => ADVISORY.exec(t || '')).find(Boolean);
    return hit ? clip(hit.input, 200) : null;
  };
  const submitNear = (el) => {
    const pool = [];
    if (el.form) pool.push(...el.form.querySelectorAll('button, input[type=submit], input[type=image], input[type=button]'));
    let box = el.parentElement;
    for (let d = 0; box && d < 3 && !pool.length; d++, box = box.parentElement) pool.push(...box.querySelectorAll('button, input[type=submit], input[type=image], input[type=button], [role=button], a[href]'));
    const found = pool.find((b) => visible(b) && (b.localName !== 'a' && b.getAttribute('role') !== 'button' ? true : SUBMIT_TEXT.test(clip(b.innerText || b.value, 40))));
    return found ? ref(found) : null;
  };
  Object.defineProperty(window, '__dvcContext', { configurable: true, value: {
    /** Candidates: fields (and elements with focus handlers) first, then the rest in document order. */
    list: (max) => {
      const all = focusables(document);
      const first = all.filter((el) => kindOf(el) || el.hasAttribute('onfocus') || el.hasAttribute('onfocusin'));
      const rest = all.filter((el) => !first.includes(el));
      const fieldsTotal = first.length;
      return { total: all.length, fieldsTotal, items: [...first, ...rest].slice(0, max).map((el) => { els.push(el); return { i: els.length - 1, kind: kindOf(el), field: first.includes(el), el: ref(el) }; }) };
    },
    act: (i, action) => {
      const el = els[i];
      if (!el || !el.isConnected) return { ok: false };
      state = { el, action, href: location.href, words: words(), focusLog: [], saved: null };
      if (action === 'focus') { if (document.activeElement === el) el.blur(); state.focusLog = []; el.focus(); return { ok: state.focusLog[0] === el || document.activeElement === el }; }
      const kind = kindOf(el);
      if (document.activeElement !== el) el.focus();
      state.focusLog = [];
      if (kind === 'select') {
        const opts = Array.from(el.options);
        const next = opts.findIndex((o, k) => k > el.selectedIndex && !o.disabled);
        const pick = next >= 0 ? next : opts.findIndex((o, k) => k !== el.selectedIndex && !o.disabled);
        if (pick < 0) return { ok: false };
        state.saved = { selectedIndex: el.selectedIndex };
        el.selectedIndex = pick;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      } else if (kind === 'radio' || kind === 'checkbox') {
        if (kind === 'radio' && el.checked) return { ok: false };
        const group = kind === 'radio' && el.name ? Array.from((el.form || document).querySelectorAll('input[type=radio]')).filter((r) => r.name === el.name) : [el];
        state.saved = { checked: group.map((r) => [r, r.checked]) };
        el.click();
      } else if (kind === 'text') {
        if (el.readOnly) return { ok: false };
        state.saved = { value: el.value };
        el.value = SAMPLE[el.type] || 'Hà Nội';
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: el.value }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      } else return { ok: false };
      return { ok: true };
    },
    read: (i) => {
      const el = els[i];
      const s = state;
      state = null;
      if (!s) return null;
      const moved = s.focusLog.filter((t) => t !== el && !(el.contains && el.contains(t)));
      const focusTo = moved.length ? moved[moved.length - 1] : null;
      const active = document.activeElement;
      // The page took the focus away (blur(): focus on the body) right after it arrived.
      const blurred = s.action === 'focus' && (!active || active === document.body) && s.focusLog[0] === el;
      const before = s.words;
      let replaced = null;
      if (before.length >= 30) {
        const count = new Map();
        for (const w of before) count.set(w, (count.get(w) || 0) + 1);
        let common = 0;
        for (const w of words()) { const c = count.get(w) || 0; if (c > 0) { common++; count.set(w, c - 1); } }
        replaced = Math.round((1 - common / before.length) * 100) / 100;
      }
      const out = {
        focusTo: focusTo && focusTo.isConnected ? ref(focusTo) : blurred ? { selector: 'body', snippet: '<body>', text: '' } : null,
        replaced, hrefChanged: location.href.split('#')[0] !== s.href.split('#')[0] ? location.href.slice(0, 500) : null,
        advisory: s.action === 'input' ? advisoryNear(el) : null, submit: s.action === 'input' ? submitNear(el) : null,
      };
      // Put the value back without telling the page (its own reaction already happened).
      if (s.saved) {
        if ('selectedIndex' in s.saved) el.selectedIndex = s.saved.selectedIndex;
        if ('value' in s.saved) el.value = s.saved.value;
        if ('checked' in s.saved) for (const [r, c] of s.saved.checked) r.checked = c;
      }
      return out;
    },
    done: () => { if (document.activeElement && document.activeElement.blur) document.activeElement.blur(); window.scrollTo(0, 0); },
  } });
})()`;
