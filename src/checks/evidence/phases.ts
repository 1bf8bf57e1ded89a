// Where a visit spends its time, phase by phase, for the checks benchmark's breakdown: the visit
// says when each phase begins; whoever listens (the benchmark) reads its clocks there. A visit
// without a listener pays nothing.

export interface PhaseListener {
  /** Phase `name` begins now (and the one before it ends). `done` ends the last one. */
  (name: string): void;
}
