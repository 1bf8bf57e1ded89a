// Subresource Integrity graded as the MDN HTTP Observatory scores it (its published results;
// our own code): a script from another site runs with the page's full power, so it should carry
// an `integrity` hash (the browser refuses a changed file) and come over https://. A script of
// the same site (same registrable domain, or a relative address) is trusted as the page is.
// As the Observatory reads it, a protocol-relative address (`//cdn.example/x.js`) is not loaded
// securely: it follows the page's own scheme, http:// too.
// Unlike the Observatory, which reads the HTML as served, the scripts are those of the document
// the browser built: a script another script added counts as well (it runs as any other).
// Stylesheets are listed for the finding but not scored, as in the Observatory.
import type { SubresourceRecord } from '../../types.ts';
import { siteOf } from '../../evidence/third-parties.ts';

export type SriResult =
  | 'sri-implemented-and-all-scripts-loaded-securely'
  | 'sri-implemented-and-external-scripts-loaded-securely'
  | 'sri-not-implemented-response-not-html'
  | 'sri-not-implemented-but-no-scripts-loaded'
  | 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin'
  | 'sri-not-implemented-but-external-scripts-loaded-securely'
  | 'sri-implemented-but-external-scripts-not-loaded-securely'
  | 'sri-not-implemented-and-external-scripts-not-loaded-securely'
  /** Evidence recorded before headers-grade/3 has no list of scripts: nothing to grade. */
  | 'sri-not-recorded';

export const SRI_MODIFIERS: Record<SriResult, number> = {
  'sri-implemented-and-all-scripts-loaded-securely': 5,
  'sri-implemented-and-external-scripts-loaded-securely': 5,
  'sri-not-implemented-response-not-html': 0,
  'sri-not-implemented-but-no-scripts-loaded': 0,
  'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': 0,
  'sri-not-implemented-but-external-scripts-loaded-securely': -5,
  'sri-implemented-but-external-scripts-not-loaded-securely': -20,
  'sri-not-implemented-and-external-scripts-not-loaded-securely': -50,
  'sri-not-recorded': 0,
};

export interface SriGrade {
  result: SriResult;
  /** The other sites' scripts that lack integrity or https://, and stylesheets without integrity (not scored). */
  scripts: string[];
  stylesheets: string[];
}

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

/** How a script is reached from a page at `pageUrl`: from another site or not, over https:// or not. */
function reach(r: SubresourceRecord, pageUrl: URL): { foreign: boolean; secure: boolean } {
  const written = r.src.trim();
  if (written.startsWith('//')) return { foreign: true, secure: false };
  let url: URL;
  try {
    url = new URL(r.url || written, pageUrl);
  } catch {
    return { foreign: true, secure: false };
  }
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(written);
  const foreign = absolute && siteOf(url.hostname) !== siteOf(pageUrl.hostname);
  return { foreign, secure: url.protocol === 'https:' };
}

export function gradeSri(input: { url: string; contentType: string | undefined; subresources: readonly SubresourceRecord[] | undefined }): SriGrade {
  const grade = (result: SriResult, scripts: string[] = [], stylesheets: string[] = []): SriGrade => ({ result, scripts, stylesheets });
  const mime = (input.contentType ?? 'text/html').split(';')[0]!.trim().toLowerCase();
  if (!HTML_TYPES.includes(mime)) return grade('sri-not-implemented-response-not-html');
  if (!input.subresources) return grade('sri-not-recorded');
  const page = new URL(input.url);
  const scripts = input.subresources.filter((r) => r.kind === 'script' && r.src.trim()).map((r) => ({ r, ...reach(r, page), signed: Boolean(r.integrity?.trim()) }));
  const stylesheets = input.subresources.filter((r) => r.kind === 'stylesheet' && !r.integrity?.trim() && reach(r, page).foreign).map((r) => r.url).slice(0, 10);
  if (!scripts.length) return grade('sri-not-implemented-but-no-scripts-loaded', [], stylesheets);
  const foreign = scripts.filter((s) => s.foreign);
  const weak = foreign.filter((s) => !s.signed || !s.secure);
  const named = weak.map((s) => s.r.url || s.r.src).slice(0, 10);
  // Worst first, by the points the Observatory takes.
  if (weak.some((s) => !s.signed && !s.secure)) return grade('sri-not-implemented-and-external-scripts-not-loaded-securely', named, stylesheets);
  if (weak.some((s) => s.signed && !s.secure)) return grade('sri-implemented-but-external-scripts-not-loaded-securely', named, stylesheets);
  if (weak.length) return grade('sri-not-implemented-but-external-scripts-loaded-securely', named, stylesheets);
  if (scripts.some((s) => !s.foreign && s.signed && s.secure)) return grade('sri-implemented-and-all-scripts-loaded-securely', [], stylesheets);
  return grade(foreign.length ? 'sri-implemented-and-external-scripts-loaded-securely' : 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin', [], stylesheets);
}
