// What the crawl reads from a page's HTML as served (parsed as text by cheerio, never run): its
// links, its forms (to tell login, search and application forms apart, never to submit them),
// its title and first heading, and its structural skeleton for grouping pages by template.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export interface FormFacts {
  method: string;
  /** Where it would post: recorded, never requested. */
  action: string;
  /** Visible fields: inputs other than hidden/submit/button, selects, textareas. */
  fields: number;
  password: boolean;
  /** A search form: role=search, a search input, or a GET form whose one text field is named like a query. */
  search: boolean;
}

export interface PageFacts {
  title: string;
  h1: string;
  /** Absolute http(s) addresses of <a href> and <area href>, with the link's text. */
  links: Array<{ href: string; text: string }>;
  forms: FormFacts[];
  /**
 * The tag/class skeleton: the path from <body> of every element a template is made of, deduplicated
 * and sorted. A template is what its developers built: landmarks, forms, the page heading, and the
 * elements they gave a class or an id. What an editor writes into it (paragraphs, lists, tables
 * without a class) varies from page to page and is left out.
 */
  skeleton: string[];
  scripts: number;
  /** Links inside the main content (<main>, role=main), null when the page marks none. */
  mainLinks: number | null;
}

const MAX_LINKS = 2000;
const MAX_TEXT = 200;
/** Deeper structure is folded into its ancestor at this depth: layouts differ near the top. */
const MAX_PATH_DEPTH = 12;
const MAX_CLASSES = 3;

/** Never part of the skeleton, nor their content: not rendered, or drawn. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head']);
/** Text-level elements: their number and place follow the content, not the template (their structural descendants still count). */
const TEXT_LEVEL = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'img', 'kbd', 'mark', 'q', 's', 'samp', 'small',
  'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'font', 'picture', 'source', 'track', 'option', 'optgroup', 'meta', 'link',
]);
/** Landmarks, forms and the page heading: part of a template with or without a class. */
const ALWAYS = new Set(['header', 'nav', 'main', 'footer', 'aside', 'article', 'section', 'form', 'fieldset', 'input', 'select', 'textarea', 'button', 'iframe', 'h1']);

const QUERY_FIELD = /^(q|query|keyword|keywords|search|s|tu-?khoa|tukhoa|key|term|text|tim-?kiem)$/i;

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);

function absolute(href: string | undefined, base: string): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed || /^(javascript|mailto|tel|data|sms|ftp):/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/** An element's name in the skeleton: its tag and up to three of its classes, digits masked (`post-123` is `post-#`). */
function stepOf(el: Element): string {
  const classes = (el.attribs.class ?? '').split(/\s+/).filter(Boolean).map((c) => c.replace(/\d+/g, '#')).sort().slice(0, MAX_CLASSES);
  const type = el.name === 'input' ? `[${(el.attribs.type ?? 'text').toLowerCase()}]` : '';
  return `${el.name}${type}${classes.length ? `.${classes.join('.')}` : ''}`;
}

function skeletonOf($: cheerio.CheerioAPI): string[] {
  const paths = new Set<string>();
  const walk = (node: AnyNode, prefix: string, depth: number) => {
    for (const child of (node as Element).children ?? []) {
      if (child.type !== 'tag' && child.type !== 'script' && child.type !== 'style') continue;
      const el = child as Element;
      const name = el.name.toLowerCase();
      if (SKIPPED.has(name)) continue;
      const built = ALWAYS.has(name) || Boolean(el.attribs.class?.trim()) || Boolean(el.attribs.id);
      if (TEXT_LEVEL.has(name) || !built) {
        walk(el, prefix, depth); // its structural descendants still count, at the parent's place
        continue;
      }
      const path = depth < MAX_PATH_DEPTH ? `${prefix}/${stepOf(el)}` : prefix;
      paths.add(path);
      walk(el, path, depth + 1);
    }
  };
  const body = $('body')[0];
  if (body) walk(body, '', 0);
  return [...paths].sort();
}

export function readPage(html: string, url: string): PageFacts {
  const $ = cheerio.load(html);
  const base = absolute($('base[href]').first().attr('href'), url) ?? url;
  const links: PageFacts['links'] = [];
  $('a[href], area[href]').each((_, el) => {
    if (links.length >= MAX_LINKS) return false;
    const href = absolute($(el).attr('href'), base);
    if (href) links.push({ href, text: collapse($(el).text() || $(el).attr('aria-label') || $(el).attr('title') || $(el).attr('alt') || '') });
    return undefined;
  });
  const forms: FormFacts[] = $('form').toArray().slice(0, 50).map((form) => {
    const f = $(form);
    const inputs = f.find('input').toArray().map((i) => (i.attribs.type ?? 'text').toLowerCase());
    const visible = inputs.filter((t) => !['hidden', 'submit', 'button', 'reset', 'image'].includes(t)).length + f.find('select, textarea').length;
    const method = (f.attr('method') ?? 'get').toLowerCase();
    const textNames = f.find('input').toArray().filter((i) => ['text', 'search'].includes((i.attribs.type ?? 'text').toLowerCase())).map((i) => i.attribs.name ?? '');
    const search = f.attr('role') === 'search' || inputs.includes('search') || (method === 'get' && textNames.length === 1 && QUERY_FIELD.test(textNames[0]!));
    return { method, action: absolute(f.attr('action') ?? '', base) ?? base, fields: visible, password: inputs.includes('password'), search };
  });
  return {
    title: collapse($('title').first().text()),
    h1: collapse($('h1').first().text()),
    links, forms,
    skeleton: skeletonOf($),
    scripts: $('script').length,
    mainLinks: $('main, [role=main]').length ? $('main a[href], [role=main] a[href]').length : null,
  };
}
