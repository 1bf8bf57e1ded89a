// The shapes shared by evidence gathering, the criteria catalogue, scoring and the store.
// Evidence is what one browser visit of one page recorded; it is stored as JSON, and every
// criterion's judge is a pure function of it, so an auditor can re-judge stored evidence.
import type { Lang } from '../i18n.ts';
import type { CropRef } from './evidence/accessibility/crops.ts';
import type { Doubt } from './evidence/accessibility/axe-second-look.ts';
import type { FrameRef } from './evidence/accessibility/frames.ts';
import type { NavigationHop } from './evidence/navigation.ts';
import type { LanguageEvidence } from './evidence/language.ts';
import type { KeyboardEvidence } from './evidence/accessibility/keyboard-walk.ts';
import type { BehaviourEvidence } from './evidence/behaviour/findings.ts';
import type { ConsentEvidence } from './evidence/consent/visit.ts';
import type { Beacon, HostSummary } from './evidence/host-summary.ts';

export type Area = 'privacy' | 'accessibility';
export const AREAS: readonly Area[] = ['privacy', 'accessibility'];

/** `error` means the scanner failed (browser crash, our timeout): never counted against a portal. */
export type Outcome = 'pass' | 'fail' | 'cant_tell' | 'not_applicable' | 'error';
export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'cant_tell', 'not_applicable', 'error'];

export type Severity = 'critical' | 'serious' | 'moderate' | 'minor';
export const SEVERITIES: readonly Severity[] = ['critical', 'serious', 'moderate', 'minor'];

export type PageKind = 'home' | 'service' | 'form' | 'statistics' | 'privacy_policy' | 'accessibility_statement' | 'other';

export type Text = Record<Lang, string>;

/** What the visited document is: most accessibility criteria speak of HTML only. */
export type DocumentKind = 'html' | 'svg' | 'xml';

/** Why a visit produced no usable evidence. The portal is not blamed for any of these. */
export type ScannerErrorReason =
  | 'timeout' | 'too_large' | 'too_many_redirects' | 'download' | 'dialog_flood' | 'popup_flood'
  | 'browser_crashed' | 'dns' | 'connect_failed' | 'tls_invalid' | 'http_4xx' | 'http_5xx'
  | 'not_html' | 'navigation_failed' | 'navigated_away' | 'internal_error'
  /** The page moved the tab to (or was answered from) the monitoring host or the local network. */
  | 'local_network'
  /** The page's script heap grew past checks.maxPageMemoryMb. */
  | 'too_much_memory';

export interface RequestRecord {
  url: string;
  host: string;
  method: string;
  /** Chromium's resource type: Document, Script, Image, XHR, Fetch, Ping, … */
  type: string;
  party: 'first' | 'third';
  /** How the request came about: parser (HTML), script (with the script's URL), redirect, … */
  initiator: { type: string; url: string | null; chain?: string[] };
  status: number | null;
  mimeType: string | null;
  /** Why it failed: the browser's error, `blocked:<reason>`, or `blocked:local-network` (a more private address than the page's own, refused). */
  failed: string | null;
  /** The address that answered, "ip:port" (absent when nothing answered, and in older evidence). */
  remoteAddress?: string;
  bytes: number | null;
  /** Response headers, lower-cased, long values cut, Set-Cookie values redacted. */
  responseHeaders: Record<string, string> | null;
  /** The tracker-list entry it matched (third-party-web), if any. */
  tracker: { entity: string; categories: string[] } | null;
  /** The filter-list rule that matched it (EasyPrivacy by default), if any; absent in older evidence. */
  filterMatch?: { list: string; rule: string } | null;
  /** When it was sent (UTC, the browser's clock) and how long until it finished or failed; absent in older evidence. */
  startedAt?: string;
  durationMs?: number | null;
  /**
   * Where it came from: the document it was made for (its URL, and its index in `frames` when
   * that document is one of them) and the browser target that made it (the page's renderer, an
   * out-of-process frame, a worker). Absent in older evidence.
   */
  documentUrl?: string | null;
  frame?: number | null;
  context?: { kind: 'page' | 'iframe' | 'worker' | 'shared_worker' | 'service_worker' | 'other'; url: string };
  /** A WebSocket's first frames: their sizes in bytes, each way, and whether it was closed. */
  socket?: { sent: number[]; received: number[]; closed: boolean };
}

export interface CookieRecord {
  name: string;
  domain: string;
  path: string;
  /** What the Set-Cookie header or the script declared (SameSite null = not declared). */
  secure: boolean;
  httpOnly: boolean;
  sameSite: string | null;
  /** Expiry in seconds from the visit; null for a session cookie. */
  expiresInS: number | null;
  party: 'first' | 'third';
  /** A script's `url` is the writer; `stack`, the scripts on the call stack, innermost first (absent in older evidence). */
  setBy: { via: 'header'; url: string } | { via: 'script'; url: string | null; stack?: string[] } | { via: 'unknown' };
  /** Set by a host on the tracker list, or by a tracker's script. */
  tracker: string | null;
  /** Never the value itself: its length, enough to tell an identifier from a flag. */
  valueLength: number;
  /** false: the site tried to set it and the browser refused (refusedBecause says why). */
  stored: boolean;
  refusedBecause: string[] | null;
}

export interface StorageRecord {
  area: 'local' | 'session';
  key: string;
  valueLength: number;
  setBy: string | null;
  /** The scripts on the call stack of the write, innermost first (absent in older evidence). */
  stack?: string[];
  tracker: string | null;
  /** Whose storage it is: the document's origin, its frame (index in `frames`) and party (absent in older evidence). */
  origin?: string;
  frame?: number;
  party?: 'first' | 'third';
}

export interface FormRecord {
  action: string;
  method: string;
  /** Field names (or labels) that ask for personal data. */
  personalFields: string[];
  fieldCount: number;
}

export interface PersonalDataHit {
  kind: 'citizen_id' | 'phone' | 'email';
  /** Masked as stored: 0010******45. */
  masked: string;
  /** The text around it, masked too. */
  context: string;
  /** A person's name was found beside it (required for phones and e-mail addresses). */
  besideName: boolean;
}

export interface AxeRuleSummary {
  id: string;
  result: 'violation' | 'incomplete' | 'pass' | 'inapplicable';
  impact: string | null;
  tags: string[];
  help: string;
  nodes: number;
  /** CSS selectors of the first nodes, enough to find them again. */
  targets: string[];
  /** Axe's link to the rule's explanation (kept for the fix). */
  helpUrl: string | null;
  /**
   * The first nodes: the frame (index into `frames`), the selector in that frame's document,
   * axe's HTML snippet, and for a violation moved to "needs review" by our second look, why.
   */
  elements: Array<{ frame: number; selector: string; snippet: string; doubt?: Doubt }>;
}

/**
 * A link as COLLECT_SCRIPT found it. `text` is its visible text (or a fallback name); the rest,
 * recorded since link purpose was judged in context (2.4.4), is absent in older evidence.
 */
export interface LinkRecord {
  href: string;
  text: string;
  frame?: number;
  /** Accessible name: aria-labelledby, aria-label, then the content with images' alt. */
  name?: string;
  /** aria-describedby text and the title attribute (when it is not the name). */
  described?: string;
  /** The text of the sentence, paragraph, list item or table cell around it (the link itself left out), with the cell's header cells. */
  context?: string;
  /** The heading before it in the document. */
  heading?: string;
  selector?: string;
  /** Not rendered or aria-hidden: no one meets it. */
  hidden?: boolean;
}

/** A `<script src>` or `<link rel=stylesheet href>` of the document (Subresource Integrity is judged from these). */
export interface SubresourceRecord {
  kind: 'script' | 'stylesheet';
  /** The address as written in the element (a relative or protocol-relative one stays so), cut at 500 characters. */
  src: string;
  /** The address the browser resolved it to. */
  url: string;
  integrity: string | null;
  crossorigin: string | null;
}

/** The other site's Origin the CORS probe sends: a reserved name (.invalid) no portal could trust on purpose. */
export const CORS_PROBE_ORIGIN = 'https://kiem-tra-cors.dvc-monitor.invalid';

/** What the home page answered to a request carrying another site's Origin. */
export interface CorsProbe {
  url: string;
  origin: string;
  status: number | null;
  allowOrigin: string | null;
  allowCredentials: string | null;
  error: string | null;
}

export interface PageEvidence {
  schema: 'dvc-monitor/page-evidence/1';
  kind: PageKind;
  requestedUrl: string;
  finalUrl: string | null;
  startedAt: string;
  durationMs: number;
  error: { reason: ScannerErrorReason; message: string } | null;
  document: {
    status: number;
    headers: Record<string, string>;
    tls: { protocol: string; issuer: string; subject: string; validTo: string } | null;
    redirects: Array<{ url: string; status: number }>;
    /** CSP and Referrer-Policy the document declares in <meta> (absent in evidence stored before headers-grade/2). */
    meta?: { csp: string[]; referrer: string[] };
    /** The document's scripts and stylesheets with an address, as its elements give them (absent in evidence stored before headers-grade/3). */
    subresources?: SubresourceRecord[];
  } | null;
  /** The http:// address of the home page, visited first in a fresh context (evidence/home-probes.ts). */
  httpVariant: {
    url: string; finalUrl: string | null; status: number | null; error: string | null;
    /** The HTTP redirects on the way, first request first (absent in evidence stored before). */
    redirects?: Array<{ url: string; status: number }>;
    /**
     * The browser turned http:// into https:// itself, before sending anything: the host is on its
     * HSTS preload list (the probe's context is fresh, so it had learned nothing). Absent in older evidence.
     */
    upgradedByBrowser?: boolean;
  } | null;
  /**
   * The home page asked for again with another site's Origin, as the HTTP Observatory does: whether
   * it lets any site read it with the visitor's cookies (absent in older evidence and on other pages).
   */
  corsProbe?: CorsProbe | null;
  /** What the accessibility evidence depends on, hashed (evidence/fingerprint.ts); absent in older evidence, without accessibility, or when the visit ended early. */
  fingerprint?: import('./evidence/fingerprint.ts').PageFingerprint | null;
  /**
   * The accessibility evidence (axe, probes, crops) is that of an earlier visit of the same page
   * with the same fingerprint, reused as it was (incremental re-checks, src/checks/incremental.ts):
   * which visit, of which check, when it was collected, and its axe-core report blob.
   */
  accessibilityReused?: { checkId: number; visitId: number; collectedAt: string; axeSha256: string | null } | null;
  requests: RequestRecord[];
  requestsDropped: number;
  cookies: CookieRecord[];
  storage: StorageRecord[];
  /** Service workers the page tried to install (the checker blocks them): the script, its scope, the page script that asked, the frame. Absent in older evidence. */
  serviceWorkers?: Array<{ url: string; scope: string | null; script: string | null; frame: number }>;
  forms: FormRecord[];
  /** Links, headings and tables of every frame; `frame` indexes `frames` (0, the top document, when absent). */
  links: LinkRecord[];
  /** Headings as a screen reader finds them: rendered, not aria-hidden, text = accessible name. */
  headings: Array<{ level: number; text: string; frame?: number; selector?: string }>;
  tables: Array<{ rows: number; headers: number; caption: boolean; numericCells: number; layout: boolean; frame?: number }>;
  mixedContent: Array<{ url: string; element: string; blocked: boolean }>;
  lang: string | null;
  /** The language of the text, detected at visit time (3.1.1, 3.1.2); null when not detected. */
  language: LanguageEvidence | null;
  title: string;
  /** The visible text with personal data masked, capped. */
  text: string;
  personalData: PersonalDataHit[];
  dialogs: Array<{ type: string; message: string }>;
  popups: string[];
  keyboard: KeyboardEvidence | null;
  /** The page at 320×256 CSS px (evidence stored before the reflow probe has only the widths). */
  reflow: import('./evidence/accessibility/presentation.ts').ReflowEvidence | { width: number; scrollWidth: number; clientWidth: number } | null;
  /** The page zoomed to 200% (laid out at 640×512 CSS px). */
  resizeText: import('./evidence/accessibility/presentation.ts').ResizeTextEvidence | null;
  /** The page with WCAG's text spacing applied, and !important spacing in style attributes. */
  textSpacing: import('./evidence/accessibility/presentation.ts').TextSpacingEvidence | null;
  axe: { version: string; rules: AxeRuleSummary[]; error: string | null } | null;
  /** What the document is (an SVG or XML document gets only the criteria that apply to it). */
  documentKind: DocumentKind;
  /** Moves the page made by itself after it loaded; the evidence is of the last document. */
  navigations: NavigationHop[];
  /** Every document of the page (top first); findings name one by its index. */
  frames: FrameRef[];
  /** The frames out of the page's process and the workers it started, as the browser attached them (absent in older evidence). */
  targets?: Array<{ kind: 'page' | 'iframe' | 'worker' | 'shared_worker' | 'service_worker' | 'other'; url: string; depth: number }>;
  /** Cropped screenshots of the elements findings name (blobs by SHA-256). */
  crops: CropRef[];
  /** Accessibility probes that failed (the scanner's failure: their criteria are `error`). */
  probeErrors: Array<{ probe: string; message: string }>;
  interaction: import('./evidence/accessibility/interaction.ts').InteractionEvidence | null;
  /** Trackers by what they do (canvas/audio fingerprinting, session recording, keystrokes sent, identifiers, measurement calls); privacy visits only, absent in older evidence. */
  behaviour?: BehaviourEvidence | null;
  /** Where the portal lives and what of the local network the page reached for, refused (local-network.ts; absent in older evidence). */
  localNetwork?: { portalSpace: import('./evidence/local-network.ts').AddressSpace; blockedDocuments: import('./evidence/local-network.ts').BlockedDocument[]; refusedRequests: number };
  /** Every host the page dealt with, by role, and the beacons it sent with their parameters decoded and masked (host-summary.ts; absent in older evidence). */
  hosts?: HostSummary[];
  beacons?: Beacon[];
  /** The home page visited again refusing, then accepting, through its consent banner (privacy checks of a portal's home page; absent otherwise and in older evidence). */
  consent?: ConsentEvidence | null;
}

/** Content-addressed bodies kept beside the evidence JSON (sha256 of each). */
export interface EvidenceBlobs {
  evidence: string;
  dom: string | null;
  screenshot: string | null;
  axe: string | null;
}

export interface Versions {
  tool: string;
  axe: string;
  trackerList: string;
  browser: string;
  criteria: string;
  scoring: string;
}

/** A pointer into stored evidence that a finding rests on: which blob, and where in it. */
export interface EvidenceRef {
  blob: keyof EvidenceBlobs;
  /** JSON path inside the blob (`requests[3]`, `violations[0].nodes[2]`) or a CSS selector. */
  path?: string;
}

export interface FindingDetail {
  code: string;
  text: Text;
  data?: Record<string, unknown>;
  evidence?: EvidenceRef;
  /** On a page result: how many of the check's pages have this finding (same code, same outcome); absent in older results. */
  pages?: { with: number; of: number };
}

export interface Judgement {
  outcome: Outcome;
  details: FindingDetail[];
}
