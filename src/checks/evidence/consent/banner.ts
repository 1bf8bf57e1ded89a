// What a consent banner offers, read from the page as a person sees it: the visible controls
// (buttons, links, role=button) with their texts, and the blocks around them that speak of
// cookies or personal data. Node then classifies each control (phrases.ts). This is the evidence
// for "refusing is as direct as accepting" that does not depend on any rule having matched.
import type { FrameTarget } from '../accessibility/frames.ts';
import { inEveryFrame } from '../accessibility/frames.ts';
import { bannerPhrases, classifyControl, mentionsConsentTopic, type ControlKind } from './phrases.ts';

export interface BannerEvidence {
  /** The frame it is in (index in the page's frames). */
  frame: number;
  /** Its visible text, cut at 500 characters. */
  text: string;
  /** Its visible controls, in document order, at most 20. */
  controls: Array<{ text: string; kind: ControlKind }>;
  /** Some control accepts, refuses, opens settings or saves a choice (phrases.ts knows its words). */
  recognised: boolean;
}

/** In a frame: visible blocks near controls that speak of consent, with their controls. */
const BANNER_SCRIPT = (topics: string[]) => `(() => {
  const topics = ${JSON.stringify(topics.map((t) => t.toLowerCase()))};
  const clip = (s, n) => (s || '').replace(/\\s+/g, ' ').trim().slice(0, n);
  const visible = (el) => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el); return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0; };
  const aboutConsent = (text) => { const t = text.toLowerCase(); return topics.some((w) => t.includes(w)); };
  const controls = Array.from(document.querySelectorAll('button, a[href], [role="button"], input[type="button"], input[type="submit"]')).slice(0, 2000);
  const blocks = new Map();
  for (const c of controls) {
    const text = clip(c.tagName === 'INPUT' ? c.value : (c.innerText || c.getAttribute('aria-label') || ''), 80);
    if (!text || text.length > 60 || !visible(c)) continue;
    // The nearest of the six blocks around the control that speaks of consent in its own words
    // (not only in its links' texts: a footer linking to the privacy policy is no banner).
    const ownWords = (b) => { let t = b.innerText || ''; for (const x of b.querySelectorAll('a, button, [role="button"]')) { if (x.innerText) t = t.split(x.innerText).join(' '); } return t; };
    let block = c.parentElement;
    for (let i = 0; block && i < 6 && block !== document.body; i++, block = block.parentElement) {
      if (aboutConsent(ownWords(block))) break;
    }
    if (!block || block === document.body || !aboutConsent(ownWords(block))) continue;
    if (!blocks.has(block)) blocks.set(block, []);
    const list = blocks.get(block);
    if (list.length < 20) list.push(text);
  }
  return Array.from(blocks.entries()).slice(0, 10).map(([block, texts]) => ({ text: clip(block.innerText, 500), controls: texts }));
})()`;

/**
 * The banner of the page: of the blocks that speak of consent, the one with the most controls
 * that accept, refuse, or open the settings; failing that, one whose controls' words we do not
 * know (not recognised). Null when no block that speaks of consent has a control.
 */
export async function readBanner(frames: FrameTarget[]): Promise<BannerEvidence | null> {
  const phrases = bannerPhrases();
  const found = await inEveryFrame<Array<{ text: string; controls: string[] }>>(frames, BANNER_SCRIPT(phrases.topic));
  let best: BannerEvidence | null = null;
  let bestScore = -1;
  for (const { frame, value } of found) {
    for (const block of value ?? []) {
      if (!mentionsConsentTopic(block.text, phrases)) continue;
      const controls = block.controls.map((text) => ({ text, kind: classifyControl(text, phrases) }));
      const score = controls.filter((c) => c.kind !== 'other').length;
      if (score > bestScore) {
        best = { frame, text: block.text, controls, recognised: score > 0 };
        bestScore = score;
      }
    }
  }
  return best;
}
