// An auditor's bundle (`report --bundle`): one zip with the report, its PDF, every evidence file
// the report cites (named by its SHA-256) and a manifest of every file's SHA-256, so that it can
// be filed as it is and anyone can re-verify it offline (`dvc-monitor verify BUNDLE`).
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import type { PeriodSnapshot } from '../../storage/evidence.ts';
import type { ReportModel } from './model.ts';

export const BUNDLE_FORMAT = 'dvc-monitor-bundle/1';
export const MANIFEST_NAME = 'manifest.json';

export type BundleRole = 'report' | 'pdf' | 'page_evidence' | 'payload';

export interface BundleFile {
  path: string;
  sha256: string;
  bytes: number;
  role: BundleRole;
  /** For a payload: where and when it was fetched; for page evidence: which page and check. */
  about?: Record<string, unknown>;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  tool: string;
  period: string;
  agency: string | null;
  generatedAt: string;
  files: BundleFile[];
}

const sha256Hex = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The page evidence a report's scorecards cite: every visit's blobs and every finding's, once each. */
export function citedPageEvidence(model: ReportModel): Map<string, Record<string, unknown>> {
  const cited = new Map<string, Record<string, unknown>>();
  for (const p of model.portals) {
    const sc = p.scorecard;
    if (!sc) continue;
    for (const c of sc.checks) {
      for (const v of c.visits) {
        for (const [what, sha] of [['evidence', v.evidenceSha256], ['dom', v.domSha256], ['screenshot', v.screenshotSha256], ['axe', v.axeSha256]] as const) {
          if (sha && !cited.has(sha)) cited.set(sha, { portal: p.portalId, checkId: c.checkId, page: v.url, what });
        }
      }
    }
    for (const r of sc.results) {
      for (const f of r.findings) if (f.evidenceSha256 && !cited.has(f.evidenceSha256)) cited.set(f.evidenceSha256, { portal: p.portalId, checkId: r.checkId, criterion: r.criterionId, page: f.pageUrl, what: 'finding' });
    }
  }
  return cited;
}

export interface BundleInput {
  base: string;
  html: string;
  pdf: Buffer | null;
  /** Blobs by hash with what they are; a blob the store lacks or holds altered is refused before. */
  pageEvidence: ReadonlyArray<{ sha256: string; body: Buffer; about: Record<string, unknown> }>;
  payloads: ReadonlyArray<{ snapshot: PeriodSnapshot; body: Buffer }>;
  manifest: Omit<BundleManifest, 'files' | 'format'>;
}

/** The zip's bytes: the files, then the manifest that lists them. */
export async function buildBundle(input: BundleInput): Promise<Buffer> {
  const zip = new JSZip();
  const files: BundleFile[] = [];
  // A fixed date for every entry: the same report gives the same zip.
  const date = new Date(input.manifest.generatedAt);
  const add = (path: string, body: Buffer, role: BundleRole, about?: Record<string, unknown>) => {
    zip.file(path, body, { date, binary: true });
    files.push({ path, sha256: sha256Hex(body), bytes: body.length, role, ...(about ? { about } : {}) });
  };
  add(`${input.base}.html`, Buffer.from(input.html, 'utf8'), 'report');
  if (input.pdf) add(`${input.base}.pdf`, input.pdf, 'pdf');
  for (const e of input.pageEvidence) add(`evidence/${e.sha256}`, e.body, 'page_evidence', e.about);
  const payloadShas = new Set<string>();
  for (const p of input.payloads) {
    if (payloadShas.has(p.snapshot.sha256)) continue;
    payloadShas.add(p.snapshot.sha256);
    const { sha256: _sha, ...about } = p.snapshot;
    add(`payloads/${p.snapshot.sha256}`, p.body, 'payload', about);
  }
  const manifest: BundleManifest = { format: BUNDLE_FORMAT, ...input.manifest, files };
  zip.file(MANIFEST_NAME, `${JSON.stringify(manifest, null, 2)}\n`, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** What `verify` found: every problem named by its file. */
export interface BundleVerdict {
  ok: boolean;
  manifest: BundleManifest | null;
  checked: number;
  problems: Array<{ path: string; problem: 'missing' | 'altered' | 'not_listed' | 'name_is_not_its_hash' | 'manifest_unreadable' }>;
}

/** Recomputes every file's SHA-256 against the manifest; files not listed, or missing, are named. */
export async function verifyBundle(bytes: Buffer): Promise<BundleVerdict> {
  const zip = await JSZip.loadAsync(bytes);
  const manifestFile = zip.file(MANIFEST_NAME);
  let manifest: BundleManifest | null = null;
  try {
    manifest = manifestFile ? (JSON.parse(await manifestFile.async('string')) as BundleManifest) : null;
  } catch {
    manifest = null;
  }
  if (!manifest || manifest.format !== BUNDLE_FORMAT || !Array.isArray(manifest.files)) {
    return { ok: false, manifest: null, checked: 0, problems: [{ path: MANIFEST_NAME, problem: 'manifest_unreadable' }] };
  }
  const problems: BundleVerdict['problems'] = [];
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const entry = zip.file(f.path);
    if (!entry) {
      problems.push({ path: f.path, problem: 'missing' });
      continue;
    }
    const actual = sha256Hex(await entry.async('nodebuffer'));
    if (actual !== f.sha256) problems.push({ path: f.path, problem: 'altered' });
    // Evidence is named by its hash: the name itself is a claim to check.
    const named = /^(?:evidence|payloads)\/([0-9a-f]{64})$/.exec(f.path)?.[1];
    if (named && named !== actual) problems.push({ path: f.path, problem: 'name_is_not_its_hash' });
  }
  zip.forEach((path, entry) => {
    if (!entry.dir && path !== MANIFEST_NAME && !listed.has(path)) problems.push({ path, problem: 'not_listed' });
  });
  return { ok: problems.length === 0, manifest, checked: manifest.files.length, problems };
}
