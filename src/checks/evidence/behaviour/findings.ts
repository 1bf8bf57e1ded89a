// Behaviour findings: trackers known by what they do, not by a list (in the manner of The
// Markup's Blacklight). The rules that turn what the page did into findings are pure
// functions of what the in-page log (in-page.ts), the requests and the keystroke probe
// recorded; the visit (collect.ts) gathers those facts and keeps only the findings.
import type { RequestRecord } from '../../types.ts';
import { measurementCalls, sessionRecorderOf, type SessionRecorder } from './request-shapes.ts';

export type BehaviourKind =
  | 'canvas_fingerprint' | 'audio_fingerprint' | 'session_recording' | 'keystrokes_sent'
  | 'identifier_cookie' | 'identifier_storage' | 'measurement_call';

export interface BehaviourFinding {
  kind: BehaviourKind;
  /** The script that did it (the innermost script on the stack), null when unknown. */
  script: string | null;
  /** The scripts on the call stack, innermost first (at most 10). */
  stack: string[];
  /** The calls it made, by name, with how many (at most 30). */
  calls: Array<{ name: string; count: number }>;
  /** The request that carried it: address (bounded), method, and index into the page's `requests` when found there. */
  request: { url: string; method: string | null; index: number | null } | null;
  /** The document it happened in (index into the page's `frames`), when known. */
  frame: number | null;
  /** What else tells it apart, by kind: never a cookie or storage value, never anything typed but our canary. */
  facts: Record<string, string | number | boolean | null>;
}

export interface BehaviourEvidence {
  findings: BehaviourFinding[];
  /** Findings beyond MAX_FINDINGS, not kept. */
  dropped: number;
  /** The keystroke probe: fields typed into, requests seen after typing, the canary's stem; null when it did not run. */
  keystrokes: { fields: number; requests: number; firstPartyHits: number; canary: string; error: string | null } | null;
  /** Frames whose log could not be read (gone, or refusing). */
  unread: number;
}

export const MAX_FINDINGS = 100;
const MAX_URL = 2000;
const MAX_STACK = 10;
const MAX_CALLS = 30;

const clipUrl = (u: string | null | undefined) => (u ? String(u).slice(0, MAX_URL) : null);
const clipStack = (s: unknown): string[] => (Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string').slice(0, MAX_STACK).map((x) => x.slice(0, 500)) : []);

/** Calls as stored: names and counts, largest first, bounded. */
export function callList(calls: Record<string, unknown> | null | undefined): Array<{ name: string; count: number }> {
  if (!calls || typeof calls !== 'object') return [];
  return Object.entries(calls)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([name, n]) => ({ name: name.slice(0, 60), count: Math.round(n as number) }))
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_CALLS);
}

/** A canvas read as the init script recorded it. */
export interface CanvasRead {
  read: string; count: number; width: number; height: number;
  chars: number; styles: number; texts: number; images: number; shapes: number; forbidden: boolean;
  calls: Record<string, number>; script: string | null; stack: string[];
}

/** The smallest area read back that can hold a fingerprint (Blacklight, after Englehardt and Narayanan 2016). */
export const MIN_CANVAS_SIDE = 16;

/**
 * Blacklight's canvas-fingerprinting rule: text drawn in at least two colours or with at least
 * ten distinct characters, on a canvas no script saved, restored or listened to, then read back
 * over at least 16x16 pixels. A canvas that only had images drawn on it (resizing a photo) is
 * left out: it has no text.
 */
export function isCanvasFingerprint(r: CanvasRead): boolean {
  if (r.width < MIN_CANVAS_SIDE || r.height < MIN_CANVAS_SIDE) return false;
  if (r.forbidden) return false;
  if (r.texts === 0) return false;
  return r.styles >= 2 || r.chars >= 10;
}

/** An audio graph read as the init script recorded it. */
export interface AudioRead {
  read: string; reads: number; offline: boolean; oscillator: boolean; compressor: boolean; analyser: boolean;
  calls: Record<string, number>; script: string | null; stack: string[];
}

/**
 * Audio fingerprinting: an oscillator through a compressor (or into an analyser) whose output
 * is rendered offline or read back from the analyser: sound no one hears, made to be measured.
 */
export function isAudioFingerprint(a: AudioRead): boolean {
  if (!a.oscillator) return false;
  if (a.read === 'startRendering') return a.offline && (a.compressor || a.analyser);
  return a.analyser;
}

const MOUSE = new Set(['mousemove', 'mousedown', 'mouseup', 'click', 'dblclick', 'contextmenu', 'mouseover', 'mouseout', 'pointermove', 'pointerdown', 'pointerup', 'wheel']);
const KEYS = new Set(['keydown', 'keyup', 'keypress']);
const INPUT = new Set(['input', 'change', 'focus', 'blur', 'focusin', 'focusout', 'select', 'submit', 'paste', 'copy', 'cut', 'selectionchange']);

/** Distinct event types a session recorder listens for at least, beside its MutationObserver. */
export const MIN_RECORDED_TYPES = 6;

/** One script's listeners on the whole document, as the init script recorded them. */
export interface ListenerEntry { stack: string[]; types: Record<string, number>; observers: number }

/**
 * A session recorder: one script listening on the whole document for at least six kinds of
 * events, mouse ones and keyboard or field ones among them, and watching every change of the
 * document with a MutationObserver. An ordinary page listens for a click or two.
 */
export function isSessionRecording(e: ListenerEntry): boolean {
  const types = Object.keys(e.types ?? {});
  return e.observers > 0 && types.length >= MIN_RECORDED_TYPES && types.some((t) => MOUSE.has(t)) && types.some((t) => KEYS.has(t) || INPUT.has(t));
}

/** One frame's log, as BEHAVIOUR_COLLECT_SCRIPT read it. */
export interface FrameLog {
  frame: number;
  log: { canvas?: CanvasRead[]; audio?: AudioRead[]; listeners?: Record<string, ListenerEntry> } | null;
  globals: Array<{ name: SessionRecorder; global: string }>;
}

/** Index of the first request whose address the script has, to link a finding to what loaded it. */
function requestIndex(requests: readonly RequestRecord[], url: string | null): number | null {
  if (!url) return null;
  const i = requests.findIndex((r) => r.url === url);
  return i >= 0 ? i : null;
}

/** Findings from the frames' logs: canvas and audio fingerprinting, session recording by listeners and by globals. */
export function findingsFromLogs(logs: readonly FrameLog[], requests: readonly RequestRecord[]): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  for (const { frame, log, globals } of logs) {
    for (const r of log?.canvas ?? []) {
      if (!isCanvasFingerprint(r)) continue;
      out.push({
        kind: 'canvas_fingerprint', script: clipUrl(r.script), stack: clipStack(r.stack), calls: callList(r.calls), request: null, frame,
        facts: { read: String(r.read).slice(0, 40), width: r.width, height: r.height, distinctCharacters: r.chars, colours: r.styles, reads: r.count },
      });
    }
    for (const a of log?.audio ?? []) {
      if (!isAudioFingerprint(a)) continue;
      out.push({
        kind: 'audio_fingerprint', script: clipUrl(a.script), stack: clipStack(a.stack), calls: callList(a.calls), request: null, frame,
        facts: { read: String(a.read).slice(0, 40), offline: a.offline, compressor: a.compressor, analyser: a.analyser, reads: a.reads },
      });
    }
    for (const [script, e] of Object.entries(log?.listeners ?? {})) {
      if (!isSessionRecording(e)) continue;
      const url = script === '(unattributed)' ? null : script;
      const calls = [...callList(Object.fromEntries(Object.entries(e.types).map(([t, n]) => [`addEventListener:${t}`, n]))), { name: 'MutationObserver.observe', count: e.observers }];
      out.push({
        kind: 'session_recording', script: clipUrl(url), stack: clipStack(e.stack), calls: calls.slice(0, MAX_CALLS), request: url ? { url: clipUrl(url)!, method: 'GET', index: requestIndex(requests, url) } : null, frame,
        facts: { via: 'listeners', vendor: url ? sessionRecorderOf(url) : null, eventTypes: Object.keys(e.types).length },
      });
    }
    for (const g of globals ?? []) {
      out.push({ kind: 'session_recording', script: null, stack: [], calls: [], request: null, frame, facts: { via: 'global', vendor: g.name, global: g.global.slice(0, 60) } });
    }
  }
  return out;
}

/** Session recorders by the hosts the page sent requests to: one finding per service, with its first request and how many. */
export function recorderRequests(requests: readonly RequestRecord[]): BehaviourFinding[] {
  const by = new Map<SessionRecorder, { first: number; count: number }>();
  requests.forEach((r, i) => {
    const name = sessionRecorderOf(r.url);
    if (!name) return;
    const g = by.get(name);
    if (g) g.count++;
    else by.set(name, { first: i, count: 1 });
  });
  return [...by.entries()].map(([vendor, { first, count }]) => {
    const r = requests[first]!;
    const stack = r.initiator?.url ? [r.initiator.url.slice(0, 500)] : [];
    return {
      kind: 'session_recording' as const, script: clipUrl(r.initiator?.url), stack, calls: [{ name: 'requests', count }],
      request: { url: clipUrl(r.url)!, method: r.method, index: first }, frame: null, facts: { via: 'request', vendor, host: r.host, party: r.party },
    };
  });
}

/** Measurement calls by their request shape (request-shapes.ts), one finding per vendor, host and account. */
export function measurementFindings(requests: readonly RequestRecord[]): BehaviourFinding[] {
  return measurementCalls(requests).map((g) => {
    const r = requests[g.first]!;
    return {
      kind: 'measurement_call', script: clipUrl(g.initiator), stack: g.initiator ? [g.initiator.slice(0, 500)] : [],
      calls: g.events.map((e) => ({ name: `event:${e.name}`.slice(0, 60), count: e.count })),
      request: { url: clipUrl(r.url)!, method: r.method, index: g.first }, frame: null,
      facts: { vendor: g.shape.vendor, account: g.shape.account, host: g.host, party: g.party },
    };
  });
}

/** Findings in a stable order (by kind, then as found), bounded. */
export function boundFindings(findings: BehaviourFinding[]): { findings: BehaviourFinding[]; dropped: number } {
  const order: BehaviourKind[] = ['keystrokes_sent', 'session_recording', 'canvas_fingerprint', 'audio_fingerprint', 'identifier_cookie', 'identifier_storage', 'measurement_call'];
  const sorted = findings.map((f, i) => ({ f, i })).sort((a, b) => order.indexOf(a.f.kind) - order.indexOf(b.f.kind) || a.i - b.i).map(({ f }) => f);
  return { findings: sorted.slice(0, MAX_FINDINGS), dropped: Math.max(0, sorted.length - MAX_FINDINGS) };
}
