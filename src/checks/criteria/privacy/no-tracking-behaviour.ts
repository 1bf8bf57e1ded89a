// Trackers found by what they do, whatever the lists say (in the manner of The Markup's
// Blacklight): fingerprinting the canvas or the audio stack, recording the session, sending
// what is typed before it is submitted, third-party cookies or storage holding identifiers,
// and measurement calls known by their shape (the Facebook pixel, Google Analytics, Matomo,
// Yandex Metrica), self-hosted ones too. The visit never consents, so each is before consent.
import type { Lang } from '../../../i18n.ts';
import { msg, msgBoth, type MessageKey } from '../../../messages/index.ts';
import { detail, finding, judgement, type PageCriterion } from '../criterion.ts';
import type { BehaviourFinding, BehaviourKind } from '../../evidence/behaviour/findings.ts';
import type { FindingDetail } from '../../types.ts';

const WHAT = {
  canvas_fingerprint: 'privacy.behaviour.canvas_fingerprint',
  audio_fingerprint: 'privacy.behaviour.audio_fingerprint',
  session_recording: 'privacy.behaviour.session_recording',
  keystrokes_sent: 'privacy.behaviour.keystrokes_sent',
  identifier_cookie: 'privacy.behaviour.identifier_cookie',
  identifier_storage: 'privacy.behaviour.identifier_storage',
  measurement_call: 'privacy.behaviour.measurement_call',
} as const satisfies Record<BehaviourKind, MessageKey>;

/** The specifics of a finding, in a few words. */
function specifics(f: BehaviourFinding, lang: Lang): string {
  const x = f.facts;
  const said = (value: unknown) => `${value}`;
  switch (f.kind) {
    case 'canvas_fingerprint':
      return msg(lang, 'privacy.behaviour.canvas', { read: said(x.read), width: said(x.width), height: said(x.height), characters: said(x.distinctCharacters), colours: said(x.colours) });
    case 'audio_fingerprint':
      // The API's own names: no words to translate.
      return `${x.read}${x.offline ? ' (OfflineAudioContext)' : ''}`;
    case 'session_recording':
      return x.via === 'listeners'
        ? msg(lang, 'privacy.behaviour.listeners', { events: said(x.eventTypes), vendor: x.vendor ? ` (${x.vendor})` : '' })
        : x.via === 'global'
          ? msg(lang, 'privacy.behaviour.global', { global: said(x.global), vendor: said(x.vendor) })
          : msg(lang, 'privacy.behaviour.requests', { host: said(x.host), vendor: said(x.vendor) });
    case 'keystrokes_sent':
      return msg(lang, x.inBody ? 'privacy.behaviour.keystrokesInBody' : 'privacy.behaviour.keystrokesInAddress', {
        fieldType: said(x.fieldType), fieldName: x.fieldName ? ` "${x.fieldName}"` : '', host: said(x.host), encoding: said(x.encoding),
      });
    case 'identifier_cookie':
      return msg(lang, 'privacy.behaviour.identifierCookie', { name: said(x.name), domain: said(x.domain), length: said(x.length), entropy: said(x.entropy) });
    case 'identifier_storage':
      return msg(lang, 'privacy.behaviour.identifierStorage', { storage: `${x.area}Storage`, key: said(x.key), origin: said(x.origin), length: said(x.length), entropy: said(x.entropy) });
    case 'measurement_call': {
      const party = msg(lang, x.party === 'first' ? 'privacy.cookie.party.first' : 'privacy.cookie.party.third');
      const vars = { vendor: said(x.vendor), host: said(x.host), party, account: said(x.account) };
      return msg(lang, x.account ? 'privacy.behaviour.measurementCallAccount' : 'privacy.behaviour.measurementCall', vars);
    }
  }
}

const MAX_DETAILS = 50;

export const noTrackingBehaviour: PageCriterion = {
  id: 'privacy.no-tracking-behaviour',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.no-tracking-behaviour.title'),
  description: msgBoth('privacy.no-tracking-behaviour.description'),
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 11' }, { instrument: 'luat91_2025', article: 'Điều 9' }],
  advice: msgBoth('privacy.no-tracking-behaviour.advice'),
  judge(page) {
    // Evidence stored before behaviour was recorded, or of a visit for accessibility only.
    if (!page.behaviour) {
      return judgement('not_applicable', [finding('behaviour.not_recorded', 'privacy.no-tracking-behaviour.notRecorded')]);
    }
    const { findings, dropped, keystrokes } = page.behaviour;
    if (!findings.length) {
      // Nothing found, but what is typed could not be followed (a page that hangs when typed into).
      if (keystrokes?.error) {
        return judgement('cant_tell', [finding('behaviour.keystrokes_untested', 'privacy.no-tracking-behaviour.keystrokesUntested', { error: keystrokes.error }, { data: { keystrokes } })]);
      }
      return judgement('pass');
    }
    const details: FindingDetail[] = findings.slice(0, MAX_DETAILS).map((f, i) => {
      const by = f.script ? ` — ${f.script}` : '';
      const text = (lang: Lang) => `${msg(lang, WHAT[f.kind])}: ${specifics(f, lang)}${by}.`;
      return detail(`behaviour.${f.kind}`, text('vi'), text('en'), {
        data: { kind: f.kind, script: f.script, stack: f.stack, calls: f.calls, request: f.request, frame: f.frame, facts: f.facts },
        evidence: { blob: 'evidence', path: `behaviour.findings[${i}]` },
      });
    });
    const more = findings.length - MAX_DETAILS + dropped;
    if (more > 0) details.push(finding('behaviour.more', 'privacy.no-tracking-behaviour.more', { more }, { data: { more } }));
    return judgement('fail', details);
  },
};
