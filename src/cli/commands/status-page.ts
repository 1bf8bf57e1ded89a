// `dvc-monitor status-page --out DIR`: the public status page as static files, for a web server
// or object storage that only serves files — the same page as /status, its English version, the
// Atom and RSS feeds, each public portal's badges, the accessibility statement and the
// personal-data notice, and the stylesheet. Public portals only (`public: true`).
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { STYLESHEET } from '../../server/assets.ts';
import { DashboardData } from '../../server/data.ts';
import { privacyContent, statementContent } from '../../server/pages/about.ts';
import { stateBadgeSvg, uptimeBadgeSvg } from '../../server/status/badge.ts';
import { atomFeed, rssFeed } from '../../server/status/feed.ts';
import { publicPortals, statusModel } from '../../server/status/model.ts';
import { publicPage, renderStatusPage, STATIC_STATUS_LINKS } from '../../server/status/render.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { describeCommand, helpText } from './index.ts';

const LANGS: readonly Lang[] = ['vi', 'en'];

export function registerStatusPage(program: Command): void {
  program
    .command('status-page')
    .description(describeCommand('status-page'))
    .requiredOption('--out <dir>', helpText('cli.statusPage.out'))
    .option('--base-url <url>', helpText('cli.statusPage.baseUrl'))
    .action((opts: { out: string; baseUrl?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      let base: string | null = null;
      if (opts.baseUrl !== undefined) {
        try {
          const u = new URL(opts.baseUrl);
          if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
          base = u.href.endsWith('/') ? u.href : `${u.href}/`;
        } catch {
          throw new UsageError('error.statusPage.baseUrl', { value: opts.baseUrl });
        }
      }
      const { loaded, db } = openContext(globals, { reads: 'uptime' });
      const dir = resolve(opts.out);
      const written: string[] = [];
      const write = (name: string, body: string) => {
        const file = join(dir, name);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, body);
        written.push(name);
      };
      try {
        const data = new DashboardData(db, loaded);
        // Rolls the newest probes up first, so the page and the badges count them.
        const summaries = new Map(data.portalSummaries().map((s) => [s.portalId, s]));
        const model = statusModel(db, loaded, new Date());
        const links = STATIC_STATUS_LINKS;
        for (const l of LANGS) {
          write(links.home[l], renderStatusPage(model, l, links));
          write(links.statement[l], publicPage(l, links, { title: msg(l, 'cli.statusPage.statementTitle'), body: statementContent(l, loaded.config.server.contact), alternate: links.statement }));
          write(links.privacy[l], publicPage(l, links, { title: msg(l, 'cli.statusPage.privacyTitle'), body: privacyContent(l, loaded.config.server.contact), alternate: links.privacy }));
        }
        const home = base ?? 'urn:dvc-monitor:status';
        write(links.feedAtom, atomFeed(model, lang, base ? `${base}${links.home[lang]}` : home, base ? `${base}${links.feedAtom}` : links.feedAtom));
        write(links.feedRss, rssFeed(model, lang, base ? `${base}${links.home[lang]}` : links.home[lang]));
        for (const p of publicPortals(loaded)) {
          write(links.badge(p.id, 'status'), stateBadgeSvg(summaries.get(p.id)?.state ?? 'unknown', lang));
          write(links.badge(p.id, 'uptime-30d'), uptimeBadgeSvg(summaries.get(p.id)?.availability30d ?? null, lang));
        }
        write(links.stylesheet, STYLESHEET);
      } finally {
        db.close();
      }
      process.stdout.write(msg(lang, 'cli.statusPage.wrote', { count: written.length, dir, files: written.map((w) => `  ${w}`).join('\n') }));
      if (!base) process.stdout.write(msg(lang, 'cli.statusPage.noBaseUrl'));
    });
}
