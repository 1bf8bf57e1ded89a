// The keys a page announces as the way out of a trap, read from its text (keyboard-exit.ts).
import { describe, expect, it } from 'vitest';
import { announcedKeys } from '../../src/checks/evidence/accessibility/keyboard-exit.ts';

const labels = (text: string) => announcedKeys(text).map((a) => a.combo.label);

describe('announcedKeys', () => {
  it('reads English and Vietnamese announcements, with modifiers, normalised', () => {
    expect(labels('Press Ctrl+M to Exit')).toEqual(['Ctrl+M']);
    expect(labels('Nhấn phím Esc để thoát khỏi bản đồ.')).toEqual(['Esc']);
    expect(labels('Bấm tổ hợp phím Ctrl + Shift + 2 để ra ngoài')).toEqual(['Ctrl+Shift+2']);
    expect(labels('use the control+alt+q keys')).toEqual(['Ctrl+Alt+Q']);
  });

  it('gives the key as the DevTools protocol presses it', () => {
    expect(announcedKeys('Press Ctrl+M to exit')[0]!.combo).toMatchObject({ key: 'm', code: 'KeyM', keyCode: 77, modifiers: 2 });
    expect(announcedKeys('press Escape')[0]!.combo).toMatchObject({ key: 'Escape', keyCode: 27, modifiers: 0 });
  });

  it('keeps the sentence that announced it', () => {
    expect(announcedKeys('Bản đồ tương tác. Press Ctrl+M to Exit. Link 2')[0]!.sentence).toBe('Press Ctrl+M to Exit.');
  });

  it('announces nothing for text without keys, plain Enter or Space, or keys the browser itself acts on', () => {
    expect(labels('Go to the next element')).toEqual([]);
    expect(labels('Press Enter to search, press Space to play')).toEqual([]);
    expect(labels('Press Ctrl+W to close, press F5 to reload')).toEqual([]);
    expect(labels('Compress the file; expression M')).toEqual([]);
  });
});

it('ends the sentence at a line break as at a full stop', () => {
  expect(announcedKeys('Biểu mẫu\nPhóng to Thu nhỏ\nNhấn Ctrl+M để thoát khỏi bản đồ\nGửi hồ sơ')[0]!.sentence).toBe('Nhấn Ctrl+M để thoát khỏi bản đồ');
});
