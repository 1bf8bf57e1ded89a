import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every text a user reads comes from the message catalogue (src/messages): none is written inline
// as a Vietnamese/English pair. These are the shapes such pairs took before they moved there.
const INLINE_PAIR = [
  /\bt\((?:lang|this\.lang|l|ctx\.lang|opts\.lang|o\.lang)\s*,/, // t(lang, 'Vietnamese', 'English')
  /\bvi:\s*['`"](?!\/|[\w-]+\.html['"])/, // { vi: '…', en: '…' }, but not an address per language ({ vi: '/status', … })
  /\blang === ['"](?:vi|en)['"]\s*\?\s*['`"]/, // lang === 'vi' ? '…' : '…'
  /\bVI\s*\?\s*['"](?!vi['"]|vi-VN['"])/, // the dashboard's script: VI ? '…' : '…' (a locale code is not a text)
];

// Files that rightly hold { vi, en } records: proper names from reference data, not messages.
const NAMES_NOT_MESSAGES = new Set<string>([
  'src/registry/regions.ts', // the six socio-economic regions' official names in both languages
]);

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(e.name) ? [path] : [];
  });
}

describe('user-facing texts', () => {
  it('come from the message catalogue, not from Vietnamese/English pairs written in the code', () => {
    const inline: string[] = [];
    for (const file of sourceFiles(join(root, 'src'))) {
      const name = relative(root, file);
      if (name.startsWith('src/messages/') || NAMES_NOT_MESSAGES.has(name)) continue;
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (INLINE_PAIR.some((re) => re.test(line))) inline.push(`${name}:${i + 1}: ${line.trim().slice(0, 100)}`);
      });
    }
    expect(inline).toEqual([]);
  });
});
