// Finding the privacy policy and the accessibility statement from the home page's links, by
// the words portals use for them (Vietnamese and English) in the link text or the address.
import type { PageEvidence } from '../types.ts';

export const POLICY_WORDS = /chính sách (bảo mật|quyền riêng tư|bảo vệ dữ liệu)|bảo vệ dữ liệu cá nhân|quyền riêng tư|privacy|personal data|chinh-sach-bao-mat|chinh-sach-quyen-rieng-tu|quyen-rieng-tu|bao-ve-du-lieu|du-lieu-ca-nhan/i;
export const STATEMENT_WORDS = /tuyên bố (về )?(khả năng )?(tiếp cận|trợ năng)|khả năng tiếp cận|trợ năng|hỗ trợ người khuyết tật|accessibility|tuyen-bo-tro-nang|tuyen-bo-tiep-can|kha-nang-tiep-can|tro-nang/i;

export type Link = PageEvidence['links'][number];

function firstMatching(links: Link[], words: RegExp): Link | null {
  const usable = links.filter((l) => /^https?:/i.test(l.href));
  // Link text speaks louder than an address that merely contains a word.
  return usable.find((l) => words.test(l.text)) ?? usable.find((l) => words.test(decodeURIComponent(safePath(l.href)))) ?? null;
}

function safePath(href: string): string {
  try {
    return new URL(href).pathname;
  } catch {
    return '';
  }
}

export const findPolicyLink = (links: Link[]) => firstMatching(links, POLICY_WORDS);
export const findStatementLink = (links: Link[]) => firstMatching(links, STATEMENT_WORDS);
