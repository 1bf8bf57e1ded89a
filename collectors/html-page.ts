// Statistics pages ("Thống kê", "Tình hình xử lý hồ sơ"): the HTML as served, or, for pages
// that fill their tables with JavaScript, as Chromium rendered it. The rendered HTML (with the
// URL) is the stored payload; reading values out of it is a pure function of that text, by
// CSS selectors or by table header and row-label texts declared in the config. A page whose
// table moved or whose headers changed is `unexpected_shape`, never a row of zeros.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as cheerio from 'cheerio';
import type { Browser, Page, Response as PlaywrightResponse } from 'playwright-core';
import { launchBrowser } from '../src/browser/launch.ts';
import type { HtmlPageSourceConfig } from '../src/config/schema.ts';
import { HttpFailure, type FailureReason } from '../src/http/client.ts';
import { htmlCut, jsonExtent } from '../src/normalise/complete.ts';
import { findTableWithHeaders } from '../src/normalise/html-table.ts';
import { PayloadFailure, type NormaliseResult } from '../src/normalise/measure.ts';
import { findViMonth } from '../src/normalise/numbers.ts';
import { MeasureSink } from '../src/normalise/sink.ts';
import { readAgencyRows } from '../src/normalise/table.ts';
import { excerpt, normaliseLabel } from '../src/normalise/text.ts';
import { fillPeriod } from '../src/time/period.ts';
import { failOnHttpError, fetchDocument, onlyPayload, periodJobs } from './common.ts';
import type { CollectContext, Collector, NormaliseContext, RawPayload } from './types.ts';

/** A rendered page larger than this is not a statistics page: it is refused like an oversized body. */
const MAX_RENDERED_CHARS = 20 * 1024 * 1024;
/** What a statistics page never needs: not loading it makes rendering faster and leaks less. */
const SKIPPED_RESOURCES = new Set(['image', 'media', 'font']);

/** Chromium's network errors, by the names the HTTP client uses. */
function navigationFailure(err: Error, url: string): HttpFailure {
  const m = err.message;
  const reason: FailureReason = /Timeout/i.test(m) ? 'timeout'
    : CUT_IN_TRANSIT.test(m) ? 'truncated'
    : /ERR_CONNECTION_REFUSED/.test(m) ? 'connect_refused'
      : /ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|ERR_CONNECTION_CLOSED/.test(m) ? 'connect_reset'
        : /ERR_NAME_NOT_RESOLVED/.test(m) ? 'dns'
          : /ERR_CERT/.test(m) ? 'tls_invalid' : 'network';
  return new HttpFailure(reason, url, { attempts: 1, detail: m.split('\n')[0]?.slice(0, 200) });
}

/** After loading and waiting (timeoutMs), what the page gets to hand over its HTML. */
const READ_MS = 10_000;
/** Closing a context normally takes well under a second; a wedged one is not waited for longer. */
const CLOSE_MS = 10_000;

async function* renderInBrowser(source: HtmlPageSourceConfig, url: string, ctx: CollectContext): AsyncGenerator<RawPayload, void, void> {
  let browser: Browser;
  try {
    browser = await ctx.resources.get('browser', () => launchBrowser(), (b) => b.close());
  } catch (err) {
    throw new PayloadFailure('browser_unavailable', `Chromium could not be started: ${(err as Error).message.split('\n')[0]}`);
  }
  ctx.signal.throwIfAborted();
  // A fresh context per page: no cookies or storage carried from one portal to the next.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  // A script that never stops holds the page's main thread: nothing can be read from it, and
  // only closing its context ends it. That happens at the page's own deadline (load and wait,
  // then READ_MS to hand over the HTML) or at the job's, whichever comes first.
  let stoppedBecause: string | null = null;
  const stop = (why: string) => {
    stoppedBecause ??= why;
    void context.close().catch(() => undefined);
  };
  const onAbort = () => stop('the job reached its hard deadline');
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const pageDeadline = setTimeout(() => stop(`the page did not hand over its HTML within ${Math.round((source.timeoutMs + READ_MS) / 1000)} s (a script that never stops?)`), source.timeoutMs + READ_MS);
  const stopped = (err: unknown): never => {
    if (stoppedBecause) throw new HttpFailure('timeout', url, { attempts: 1, detail: stoppedBecause });
    throw err;
  };
  try {
    await context.route('**/*', (route) => (SKIPPED_RESOURCES.has(route.request().resourceType()) ? route.abort() : route.continue()));
    const page = await context.newPage();
    const cuts = watchForCuts(page, url);
    const startedAt = new Date();
    const t0 = performance.now();
    const navigation = page.goto(url, { waitUntil: 'load', timeout: source.timeoutMs });
    navigation.catch(() => undefined); // settled below, or abandoned when the page arrives cut
    const cutInTransit = cuts.pageCut.then((cut) => {
      throw new PayloadFailure('truncated', `the statistics page (${cut.url.slice(0, 200)}) ended before its Content-Length or chunked encoding announced (${cut.why})`);
    });
    const main = await Promise.race([navigation, cutInTransit]).catch((err: Error) => stopped(err instanceof PayloadFailure ? err : navigationFailure(err, url)));
    const firstByteMs = performance.now() - t0;
    if (source.waitFor && (main?.status() ?? 0) < 400) {
      // Not appearing in time is not a failure by itself: the HTML is kept either way, and the
      // normaliser names what is wrong with it (a table that moved is `unexpected_shape`).
      const left = Math.max(1, source.timeoutMs - (performance.now() - t0));
      await page.waitForSelector(source.waitFor, { state: 'attached', timeout: left }).catch(() => undefined);
    }
    const html = await page.content().catch(stopped);
    if (stoppedBecause) stopped(null);
    if (html.length > MAX_RENDERED_CHARS) throw new HttpFailure('too_large', url, { attempts: 1, detail: `the rendered page exceeds ${MAX_RENDERED_CHARS} characters` });
    const status = main?.status() ?? 0;
    const request = { method: 'GET', url, headers: { accept: 'text/html' }, body: null };
    yield {
      request,
      response: {
        url: page.url(), status, headers: { ...(main?.headers() ?? {}), 'content-type': 'text/html; charset=utf-8' },
        body: Buffer.from(html, 'utf8'), redirects: [], attempts: 1, startedAt, firstByteMs, totalMs: performance.now() - t0,
      },
    };
    failOnHttpError({ status, headers: main?.headers() ?? {} }, 'the statistics page');
    // The browser makes a whole document of whatever arrived: a page (or the data its scripts
    // fetched) cut short in transit renders as a page with fewer or shorter figures.
    const found = await cuts.settle(main ?? null);
    for (const cut of found) {
      if (cut.body) yield { request: { method: 'GET', url: cut.url, headers: {}, body: null }, response: { url: cut.url, status: cut.status, headers: cut.headers, body: cut.body, redirects: [], attempts: 1, startedAt, firstByteMs: 0, totalMs: 0 } };
    }
    if (found.length) throw new PayloadFailure('truncated', `the statistics page was rendered from ${found.map((c) => `${c.what} (${c.url.slice(0, 200)}): ${c.why}`).join('; ')}`);
  } finally {
    clearTimeout(pageDeadline);
    ctx.signal.removeEventListener('abort', onAbort);
    await Promise.race([context.close().catch(() => undefined), sleep(CLOSE_MS, undefined, { ref: false })]);
  }
}

interface Cut {
  what: string;
  url: string;
  why: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** Chromium's names for a body that ended before its Content-Length or its chunked encoding's end. */
const CUT_IN_TRANSIT = /ERR_CONTENT_LENGTH_MISMATCH|ERR_INCOMPLETE_CHUNKED_ENCODING/;

/**
 * Watches a page for what it was built from being cut short: the document as served (an HTML end
 * marker after its last content) and the data its scripts fetched (JSON or HTML that ends before
 * it does), and any request Chromium saw end before its announced length. `settle` lists them.
 */
function watchForCuts(page: Page, url: string): { settle(main: PlaywrightResponse | null): Promise<Cut[]>; pageCut: Promise<Cut> } {
  const cuts: Cut[] = [];
  const checks: Array<Promise<void>> = [];
  let onPageCut: (cut: Cut) => void = () => undefined;
  // The page itself cut in transit never fires "load": its navigation is given up at once.
  const pageCut = new Promise<Cut>((resolve) => (onPageCut = resolve));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    if (!CUT_IN_TRANSIT.test(error)) return;
    const cut = { what: request.isNavigationRequest() ? 'a page cut short in transit' : 'a response cut short in transit', url: request.url(), why: error, status: 0, headers: {}, body: null };
    cuts.push(cut);
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) onPageCut(cut);
  });
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'xhr' && type !== 'fetch') return;
    checks.push(response.body().then((body) => {
      const why = dataCut(body, response.headers()['content-type'] ?? '');
      if (why) cuts.push({ what: 'data fetched by its scripts', url: response.url(), why, status: response.status(), headers: response.headers(), body });
    }, () => undefined));
  });
  return {
    pageCut,
    async settle(main) {
      await Promise.all(checks);
      const body = main && main.status() < 300 ? await main.body().catch(() => null) : null;
      const why = body ? htmlCut(body.toString('utf8')) : null;
      if (why) cuts.unshift({ what: 'a page cut short as served', url: main!.url() || url, why: `${body!.length} bytes: ${why}`, status: main!.status(), headers: main!.headers(), body });
      return cuts;
    },
  };
}

/** Why data a page's script fetched is cut short, for JSON and HTML answers; null when whole or another kind. */
function dataCut(body: Buffer, contentType: string): string | null {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart()[0];
  if (/json/i.test(contentType) || start === '{' || start === '[') {
    if (text.trim() === '') return null;
    const extent = jsonExtent(text);
    return extent.kind === 'cut' ? `JSON cut short after ${body.length} bytes: ${extent.why}` : null;
  }
  return /html/i.test(contentType) ? htmlCut(text) : null;
}

function readByRows($: cheerio.CheerioAPI, source: HtmlPageSourceConfig, table: NonNullable<HtmlPageSourceConfig['table']>, period: string, sink: MeasureSink): void {
  const valueHeader = fillPeriod(table.valueColumn!, period);
  const headers = table.labelColumn === undefined ? [valueHeader] : [table.labelColumn, valueHeader];
  const found = findTableWithHeaders($, table.selector, headers);
  if (!found) {
    throw new PayloadFailure('unexpected_shape', `no table matching ${JSON.stringify(table.selector)} has the header${headers.length > 1 ? 's' : ''} ${headers.map((h) => JSON.stringify(h)).join(' and ')}: the page's layout changed`);
  }
  const header = found.grid[found.headerRow]!.map(normaliseLabel);
  const labelAt = table.labelColumn === undefined ? 0 : header.indexOf(normaliseLabel(table.labelColumn));
  const valueAt = header.indexOf(normaliseLabel(valueHeader));
  const rows = new Map<string, string | undefined>();
  for (const row of found.grid.slice(found.headerRow + 1)) {
    const label = normaliseLabel(row[labelAt] ?? '');
    if (label !== '' && !rows.has(label)) rows.set(label, row[valueAt]);
  }
  let matched = 0;
  for (const [label, metric] of Object.entries(table.metrics)) {
    const key = normaliseLabel(label);
    if (!rows.has(key)) {
      sink.notFound(source.agency!, metric, `the row ${JSON.stringify(label)} is not in the table`, 0);
      continue;
    }
    matched++;
    sink.read(source.agency!, metric, rows.get(key) ?? null, `row ${JSON.stringify(label)}`, 0);
  }
  if (matched === 0) {
    throw new PayloadFailure('unexpected_shape', `none of the mapped rows (${Object.keys(table.metrics).map((l) => JSON.stringify(l)).join(', ').slice(0, 300)}) is in the table: its labels changed`);
  }
}

function readBySelectors($: cheerio.CheerioAPI, source: HtmlPageSourceConfig, sink: MeasureSink): void {
  let matched = 0;
  for (const [selector, metric] of Object.entries(source.selectors!)) {
    const element = $(selector).first();
    if (element.length === 0) {
      sink.notFound(source.agency!, metric, `nothing on the page matches ${JSON.stringify(selector)}`, 0);
      continue;
    }
    matched++;
    sink.read(source.agency!, metric, element.text().trim(), JSON.stringify(selector), 0);
  }
  if (matched === 0) throw new PayloadFailure('unexpected_shape', `none of the mapped selectors matches anything on the page: its layout changed`);
}

/** The month the page says it shows, checked against the month asked for. */
function checkPeriod($: cheerio.CheerioAPI, selector: string, period: string): void {
  const element = $(selector).first();
  if (element.length === 0) throw new PayloadFailure('unexpected_shape', `nothing on the page matches periodText ${JSON.stringify(selector)}: its layout changed`);
  const text = element.text();
  const month = findViMonth(text);
  if (!month.ok) throw new PayloadFailure('unexpected_shape', `${JSON.stringify(selector)} reads ${excerpt(text)}, which names no month`);
  if (month.value !== period) throw new PayloadFailure('wrong_period', `the page shows ${month.value} (${excerpt(text)}) where ${period} was asked for`);
}

export function readStatisticsPage(source: HtmlPageSourceConfig, period: string, html: string, ctx: NormaliseContext): NormaliseResult {
  const $ = cheerio.load(html);
  if (source.periodText) checkPeriod($, source.periodText, period);
  const table = source.table;
  if (table?.metricsIn === 'columns') {
    const found = findTableWithHeaders($, table.selector, [table.agencyColumn!]);
    if (!found) throw new PayloadFailure('unexpected_shape', `no table matching ${JSON.stringify(table.selector)} has the header ${JSON.stringify(table.agencyColumn)}: the page's layout changed`);
    return readAgencyRows(found.grid, { ...table, agencyColumn: table.agencyColumn!, columns: table.metrics }, period, ctx, 'the table');
  }
  const sink = new MeasureSink(period);
  if (table) readByRows($, source, table, period, sink);
  else readBySelectors($, source, sink);
  return sink.result();
}

export const htmlPage = {
  kind: 'html-page',

  plan(source, periods) {
    return periodJobs(source.id, periods);
  },

  collect(source, job, ctx) {
    const url = fillPeriod(source.url, job.period!);
    return source.render === 'browser' ? renderInBrowser(source, url, ctx) : fetchDocument(ctx.http, url, 'text/html', 'the statistics page', ctx.signal);
  },

  normalise(source, job, payloads, ctx) {
    const { body } = onlyPayload(payloads, 'the statistics page');
    const start = body.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (start === '') throw new PayloadFailure('empty', 'the statistics page is empty');
    if (!start.startsWith('<')) throw new PayloadFailure('not_html', `the statistics page answered ${/^[[{]/.test(start) ? 'JSON' : 'something'} that is not HTML: ${excerpt(start, 60)}`);
    const html = body.toString('utf8');
    // A rendered page is the browser's serialisation, always whole: its page as served was checked when it was collected.
    const cut = source.render === 'browser' ? null : htmlCut(html);
    if (cut) throw new PayloadFailure('truncated', `the statistics page (${body.length} bytes) is cut short: ${cut}`);
    return readStatisticsPage(source, job.period!, html, ctx);
  },
} satisfies Collector<HtmlPageSourceConfig>;
