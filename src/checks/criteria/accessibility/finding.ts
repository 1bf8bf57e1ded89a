// A finding whose text comes from the message catalogue (src/messages/parts/a11y.*.ts), kept in
// both languages as every finding is: stored as { vi, en } and compared with earlier checks.
import type { Lang } from '../../../i18n.ts';
import type { FindingDetail } from '../../types.ts';
import { detail } from '../criterion.ts';

/** The text in each language: for a message whose pieces differ by language (an element named, a label). */
export const inBoth = (text: (lang: Lang) => string): Record<Lang, string> => ({ vi: text('vi'), en: text('en') });

/** A finding with its text in both languages (from msgBoth or inBoth). */
export const finding = (code: string, text: Record<Lang, string>, extra: Omit<FindingDetail, 'code' | 'text'> = {}): FindingDetail =>
  detail(code, text.vi, text.en, extra);
