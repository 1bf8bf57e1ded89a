// Trackers found by what they do, whatever the lists say (in the manner of The Markup's
// Blacklight): fingerprinting the canvas or the audio stack, recording the session, sending
// what is typed before it is submitted, third-party cookies or storage holding identifiers,
// and measurement calls known by their shape (the Facebook pixel, Google Analytics, Matomo,
// Yandex Metrica), self-hosted ones too. The visit never consents, so each is before consent.
import { detail, judgement, type PageCriterion } from '../criterion.ts';
import type { BehaviourFinding, BehaviourKind } from '../../evidence/behaviour/findings.ts';
import type { FindingDetail } from '../../types.ts';

const WHAT: Record<BehaviourKind, { vi: string; en: string }> = {
  canvas_fingerprint: { vi: 'Lấy dấu vân tay trình duyệt qua canvas (vẽ chữ rồi đọc lại ảnh)', en: 'Canvas fingerprinting (text drawn, then the image read back)' },
  audio_fingerprint: { vi: 'Lấy dấu vân tay trình duyệt qua âm thanh (bộ dao động, bộ nén, rồi đọc kết quả)', en: 'Audio fingerprinting (oscillator and compressor rendered, then read)' },
  session_recording: { vi: 'Ghi lại phiên truy cập (theo dõi chuột, bàn phím, trường nhập và mọi thay đổi của trang)', en: 'Session recording (mouse, keyboard, fields and every change of the page watched)' },
  keystrokes_sent: { vi: 'Gửi nội dung đang gõ trước khi người dùng bấm gửi', en: 'What is typed sent before the visitor submits' },
  identifier_cookie: { vi: 'Cookie bên thứ ba chứa giá trị giống mã định danh', en: 'Third-party cookie holding an identifier-like value' },
  identifier_storage: { vi: 'Bộ nhớ trình duyệt của bên thứ ba chứa giá trị giống mã định danh', en: 'Third-party browser storage holding an identifier-like value' },
  measurement_call: { vi: 'Lệnh gọi đo lường (theo dạng yêu cầu)', en: 'Measurement call (by its request shape)' },
};

/** The specifics of a finding, in a few words each language. */
function specifics(f: BehaviourFinding): { vi: string; en: string } {
  const x = f.facts;
  switch (f.kind) {
    case 'canvas_fingerprint':
      return { vi: `${x.read} ${x.width}×${x.height}, ${x.distinctCharacters} ký tự khác nhau, ${x.colours} màu`, en: `${x.read} ${x.width}×${x.height}, ${x.distinctCharacters} distinct characters, ${x.colours} colours` };
    case 'audio_fingerprint':
      return { vi: `${x.read}${x.offline ? ' (OfflineAudioContext)' : ''}`, en: `${x.read}${x.offline ? ' (OfflineAudioContext)' : ''}` };
    case 'session_recording':
      return x.via === 'listeners'
        ? { vi: `${x.eventTypes} loại sự kiện trên cả tài liệu và MutationObserver${x.vendor ? ` (${x.vendor})` : ''}`, en: `${x.eventTypes} event types on the whole document and a MutationObserver${x.vendor ? ` (${x.vendor})` : ''}` }
        : x.via === 'global'
          ? { vi: `biến toàn cục ${x.global} của ${x.vendor}`, en: `${x.vendor}'s global ${x.global}` }
          : { vi: `yêu cầu tới ${x.host} (${x.vendor})`, en: `requests to ${x.host} (${x.vendor})` };
    case 'keystrokes_sent':
      return { vi: `trường ${x.fieldType}${x.fieldName ? ` "${x.fieldName}"` : ''} gửi tới ${x.host} (${x.encoding}, trong ${x.inBody ? 'nội dung' : 'địa chỉ'} yêu cầu)`, en: `${x.fieldType} field${x.fieldName ? ` "${x.fieldName}"` : ''} sent to ${x.host} (${x.encoding}, in the request ${x.inBody ? 'body' : 'address'})` };
    case 'identifier_cookie':
      return { vi: `${x.name} (${x.domain}), ${x.length} ký tự, entropy ${x.entropy} bit/ký tự`, en: `${x.name} (${x.domain}), ${x.length} characters, ${x.entropy} bits/character` };
    case 'identifier_storage':
      return { vi: `${x.area}Storage "${x.key}" (${x.origin}), ${x.length} ký tự, entropy ${x.entropy} bit/ký tự`, en: `${x.area}Storage "${x.key}" (${x.origin}), ${x.length} characters, ${x.entropy} bits/character` };
    case 'measurement_call':
      return { vi: `${x.vendor} tới ${x.host} (bên ${x.party === 'first' ? 'thứ nhất' : 'thứ ba'})${x.account ? `, tài khoản ${x.account}` : ''}`, en: `${x.vendor} to ${x.host} (${x.party} party)${x.account ? `, account ${x.account}` : ''}` };
  }
}

const MAX_DETAILS = 50;

export const noTrackingBehaviour: PageCriterion = {
  id: 'privacy.no-tracking-behaviour',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Không có hành vi theo dõi khi chưa có sự đồng ý', en: 'No tracking behaviour before consent' },
  description: {
    vi: 'Trước khi người dùng đồng ý, không tập lệnh nào lấy dấu vân tay trình duyệt (canvas, âm thanh), ghi lại phiên truy cập, gửi nội dung đang gõ trước khi bấm gửi, lưu mã định danh trong cookie hay bộ nhớ của bên thứ ba, hay gửi lệnh gọi đo lường (Facebook Pixel, Google Analytics, Matomo, Yandex Metrica), dù không danh sách nào biết tới nó.',
    en: 'Before the visitor agrees, no script fingerprints the browser (canvas, audio), records the session, sends what is typed before it is submitted, keeps an identifier in a third-party cookie or storage, or sends measurement calls (Facebook Pixel, Google Analytics, Matomo, Yandex Metrica), whether or not any list knows it.',
  },
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 11' }, { instrument: 'luat91_2025', article: 'Điều 9' }],
  advice: {
    vi: 'Chỉ nạp các tập lệnh đo lường, ghi phiên và quảng cáo sau khi người dùng đồng ý cho đúng mục đích đó; không gửi nội dung biểu mẫu trước khi người dùng bấm gửi.',
    en: 'Load measurement, session-recording and advertising scripts only after the visitor agrees to that purpose; send nothing from a form before the visitor submits it.',
  },
  judge(page) {
    // Evidence stored before behaviour was recorded, or of a visit for accessibility only.
    if (!page.behaviour) {
      return judgement('not_applicable', [detail('behaviour.not_recorded', 'Bằng chứng không ghi hành vi của tập lệnh (bằng chứng cũ).', 'The evidence has no record of script behaviour (older evidence).')]);
    }
    const { findings, dropped, keystrokes } = page.behaviour;
    if (!findings.length) {
      // Nothing found, but what is typed could not be followed (a page that hangs when typed into).
      if (keystrokes?.error) {
        return judgement('cant_tell', [detail('behaviour.keystrokes_untested', `Không kiểm tra được việc gửi nội dung đang gõ: ${keystrokes.error}.`, `Could not test whether typed text is sent: ${keystrokes.error}.`, { data: { keystrokes } })]);
      }
      return judgement('pass');
    }
    const details: FindingDetail[] = findings.slice(0, MAX_DETAILS).map((f, i) => {
      const what = WHAT[f.kind];
      const s = specifics(f);
      const by = f.script ? ` — ${f.script}` : '';
      return detail(`behaviour.${f.kind}`, `${what.vi}: ${s.vi}${by}.`, `${what.en}: ${s.en}${by}.`, {
        data: { kind: f.kind, script: f.script, stack: f.stack, calls: f.calls, request: f.request, frame: f.frame, facts: f.facts },
        evidence: { blob: 'evidence', path: `behaviour.findings[${i}]` },
      });
    });
    const more = findings.length - MAX_DETAILS + dropped;
    if (more > 0) details.push(detail('behaviour.more', `Còn ${more} phát hiện khác.`, `${more} more findings.`, { data: { more } }));
    return judgement('fail', details);
  },
};
