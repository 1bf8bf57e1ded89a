// Where a visit spends its time, phase by phase, for the checks benchmark's breakdown: the visit
// says when each phase begins; whoever listens (the benchmark) reads its clocks there. A visit
// without a listener pays nothing.

export interface PhaseListener {
  /** Phase `name` begins now (and the one before it ends). `done` ends the last one. */
  (name: string): void;
}

/** The phases of a page visit, in order, as the benchmark names them. */
export const VISIT_PHASES = [
  'setup', 'navigation', 'settle', 'dom', 'fingerprint', 'axe', 'probe:keyboard', 'probe:keyboard:focus', 'probe:text-spacing', 'probe:resize-text', 'probe:reflow',
  'probe:interaction', 'cookies', 'serialise', 'screenshot', 'crops', 'behaviour', 'close', 'http-probe', 'cors-probe',
  // A home page checked for privacy: the refusing and accepting visits (Checker.visit).
  'consent',
] as const;
