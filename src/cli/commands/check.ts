// `dvc-monitor check <url|portal-id>`: one privacy and accessibility check now, stored with its
// evidence, printed in Vietnamese (or English). Exit 1 when a critical or serious criterion
// fails, or when the home page could not be checked at all, so it can gate a release pipeline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { saveCheck, type SavedCheck } from '../../../storage/checks.ts';
import { readBody } from '../../../storage/evidence.ts';
import type { Db } from '../../../storage/db.ts';
import { Checker, DEFAULT_CHECK_SETTINGS, targetOfPortal, type CheckTarget, type PortalCheck } from '../../checks/checker.ts';
import { DEFAULT_SAMPLE_SETTINGS } from '../../checks/sample/settings.ts';
import { previousFromStore } from '../../checks/execute-check-job.ts';
import { blockingFailures } from '../../checks/score.ts';
import type { Area } from '../../checks/types.ts';
import type { LoadedConfig } from '../../config/load.ts';
import { syncRegistryFromConfig } from '../../run/sync-registry.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { renderCheck, storeLocator, type EvidenceLocator } from '../render-check.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';

const AREA_CHOICES: Record<string, Area[]> = { privacy: ['privacy'], accessibility: ['accessibility'], all: ['privacy', 'accessibility'] };

export function resolveTarget(what: string, loaded: LoadedConfig): CheckTarget {
  const portal = loaded.config.portals.find((p) => p.id === what);
  if (portal) return targetOfPortal(portal, loaded.config.checks);
  let url: URL | null = null;
  try {
    url = new URL(what);
  } catch { /* not an address */ }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return { portalId: null, homeUrl: url.href, pages: [] };
  const ids = loaded.config.portals.map((p) => p.id);
  if (ids.length === 0) throw new UsageError('error.check.targetNoPortals', { value: what, file: loaded.file });
  throw new UsageError('error.check.target', { value: what, file: loaded.file, ids: `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}` });
}

/** --sample, --no-sample and --seed over what the configuration says. */
export function withSampleOptions(target: CheckTarget, loaded: LoadedConfig, opts: { sample?: boolean; seed?: string }): CheckTarget {
  let seed: number | undefined;
  if (opts.seed !== undefined) {
    seed = Number(opts.seed);
    if (!/^\d+$/.test(opts.seed) || !Number.isSafeInteger(seed) || seed > 0xffffffff) throw new UsageError('error.check.seed', { value: opts.seed });
  }
  if (opts.sample === false) {
    if (seed !== undefined) throw new UsageError('error.check.seedNoSample');
    return { ...target, sample: null };
  }
  const { enabled: _enabled, ...configured } = loaded.config.checks?.sample ?? { enabled: true, ...DEFAULT_SAMPLE_SETTINGS };
  const settings = target.sample ?? (opts.sample === true ? configured : null);
  if (!settings) {
    if (seed !== undefined) throw target.portalId ? new UsageError('error.check.seedUnsampled', { target: target.portalId }) : new UsageError('error.check.seedUnsampledAddress');
    return target;
  }
  return { ...target, sample: seed === undefined ? settings : { ...settings, seed } };
}

/** Writes every blob of the check to `dir` as <sha256>.<ext>, after re-checking its hash. */
function exportEvidence(db: Db, saved: SavedCheck, dir: string): EvidenceLocator {
  mkdirSync(dir, { recursive: true });
  const ext = { evidence: 'json', dom: 'html', screenshot: 'jpg', axe: 'json' } as const;
  const paths = new Map<string, string>();
  for (const visit of saved.visits) {
    for (const [kind, sha] of Object.entries(visit.blobs) as Array<[keyof typeof ext, string | null]>) {
      if (!sha || paths.has(sha)) continue;
      const stored = readBody(db, sha)!;
      if (!stored.intact) throw new UsageError('error.evidence.altered', { sha });
      const path = join(dir, `${sha}.${ext[kind]}`);
      writeFileSync(path, stored.body);
      paths.set(sha, path);
    }
  }
  if (saved.crawlSha256) {
    const stored = readBody(db, saved.crawlSha256)!;
    if (!stored.intact) throw new UsageError('error.evidence.altered', { sha: saved.crawlSha256 });
    const path = join(dir, `${saved.crawlSha256}.json`);
    writeFileSync(path, stored.body);
    paths.set(saved.crawlSha256, path);
  }
  return (sha) => paths.get(sha) ?? storeLocator(sha);
}

/** The sample as --json gives it: the summary, each page and why it is in it; the crawl record by its hash. */
function sampleJson(check: PortalCheck, saved: SavedCheck, locate: EvidenceLocator) {
  const s = check.sample;
  if (!s) return null;
  return {
    seed: s.seed, pagesFound: s.pagesFound, pagesChecked: check.visits.length, templates: s.crawl.templates, structured: s.structured, random: s.random,
    leftOut: s.leftOut.map((p) => ({ url: p.url, reasons: p.reasons })), stoppedBy: s.crawl.stoppedBy, crawlError: s.crawl.error ?? null, planMs: Math.round(s.planMs),
    settings: s.crawl.settings, robots: s.crawl.robots, skipped: s.crawl.skipped,
    crawl: saved.crawlSha256 && { sha256: saved.crawlSha256, at: locate(saved.crawlSha256) },
    pages: s.pages.map((p, index) => ({ index, ...p })),
  };
}

export function checkJson(check: PortalCheck, saved: SavedCheck, locate: EvidenceLocator) {
  return {
    checkId: saved.checkId, target: check.target, measuredOn: check.measuredOn, startedAt: check.startedAt, finishedAt: check.finishedAt,
    versions: check.versions, scores: check.scores, sample: sampleJson(check, saved, locate),
    pages: check.visits.map((v, i) => ({
      index: i, kind: v.evidence.kind, url: v.evidence.requestedUrl, finalUrl: v.evidence.finalUrl, error: v.evidence.error,
      durationMs: v.evidence.durationMs, accessibilityReused: v.evidence.accessibilityReused ?? null, evidence: Object.fromEntries(Object.entries(saved.visits[i]!.blobs).map(([k, sha]) => [k, sha && { sha256: sha, at: locate(sha) }])),
    })),
    results: check.results,
    blockingFailures: blockingFailures(check.results).map((r) => r.criterionId),
  };
}

export function registerCheck(program: Command): void {
  withFormat(program
    .command('check')
    .description(describeCommand('check')), ['table', 'json'])
    .argument('<url|portal-id>', helpText('cli.check.target'))
    .option('--area <area>', helpText('cli.check.area'), 'all')
    .option('--evidence-dir <dir>', helpText('cli.check.evidenceDir'))
    .option('--sample', helpText('cli.check.sample'))
    .option('--no-sample', helpText('cli.check.noSample'))
    .option('--seed <n>', helpText('cli.check.seed'))
    .option('--full', helpText('cli.check.full'))
    .action(async (what: string, opts: FormatOptions & { area: string; evidenceDir?: string; full?: boolean; sample?: boolean; seed?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const format = outputFormat(opts, ['table', 'json']);
      const lang = langOf(globals);
      const areas = AREA_CHOICES[opts.area];
      if (!areas) throw new UsageError('error.check.area', { value: opts.area });
      const { loaded, db } = openContext(globals);
      try {
        const target = withSampleOptions(resolveTarget(what, loaded), loaded, opts);
        if (target.portalId) syncRegistryFromConfig(db, loaded);
        const { enabled: _enabled, ...settings } = loaded.config.checks ?? { enabled: true, ...DEFAULT_CHECK_SETTINGS };
        const checker = new Checker(settings);
        let check: PortalCheck;
        try {
          check = await checker.checkPortal(target, { areas, previous: previousFromStore(db, target.portalId, checker.settings, new Date(), opts.full) });
        } finally {
          await checker.close();
        }
        const saved = saveCheck(db, { runId: null, jobId: null, check });
        const locate = opts.evidenceDir ? exportEvidence(db, saved, resolve(opts.evidenceDir)) : storeLocator;
        process.stdout.write(`${format === 'json' ? JSON.stringify(checkJson(check, saved, locate), null, 2) : renderCheck(check, saved, lang, locate)}\n`);
        // A page the scanner could not check leaves the verdict incomplete: never exit 0 on it.
        process.exitCode = blockingFailures(check.results).length || check.visits.some((v) => v.evidence.error) ? EXIT.jobFailed : EXIT.ok;
      } finally {
        db.close();
      }
    });
}
