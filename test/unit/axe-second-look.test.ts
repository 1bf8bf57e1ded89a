// When an accessible name says the visible label's words written differently (axe-second-look.ts):
// a person weighs it, no failure is claimed; words that differ are still a failure.
import { describe, expect, it } from 'vitest';
import { writtenDifferently } from '../../src/checks/evidence/accessibility/axe-second-look.ts';

describe('writtenDifferently', () => {
  it('the same words once hyphens and punctuation are set aside', () => {
    expect(writtenDifferently('nonstandard', 'non-standard')).toBe(true);
    expect(writtenDifferently('Tra cứu hồ sơ.', 'Tra cứu hồ sơ')).toBe(true);
    expect(writtenDifferently('Gửi e-mail', 'Gửi email')).toBe(true);
  });

  it('a word abbreviated with a full stop where the name spells it out', () => {
    expect(writtenDifferently('University Ave.', 'University Avenue')).toBe(true);
    expect(writtenDifferently('Tp. Hồ Chí Minh', 'Thành phố Hồ Chí Minh')).toBe(false);
    expect(writtenDifferently('Phòng Hành ch.', 'Phòng Hành chính')).toBe(true);
  });

  it('different words are different: split or joined by spaces, cut without a full stop, other words', () => {
    expect(writtenDifferently('justice', 'just ice')).toBe(false);
    expect(writtenDifferently('W C A G', 'WCAG')).toBe(false);
    expect(writtenDifferently('Discover It', 'Discover Italy')).toBe(false);
    expect(writtenDifferently('Nộp hồ sơ', 'Tra cứu hồ sơ')).toBe(false);
    expect(writtenDifferently('123.555.0123', '1 2 3. 5 5 5. 0 1 2 3')).toBe(false);
    expect(writtenDifferently('', 'Tìm kiếm')).toBe(false);
  });
});
