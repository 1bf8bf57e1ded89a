// English messages of the kpi part of the catalogue (see ../parts.ts): the KPIs' names, the 766
// index groups, the aggregates, and the data-quality words (flag kinds, plausibility rules and
// why a value is held back). Keys are unique across parts.
export const kpiEn = {
  // Each KPI's name and its short column heading (src/kpi/definitions.ts).
  'kpi.onlineFilingServices.title': 'Online services that received online dossiers',
  'kpi.onlineFilingServices.short': 'Svc w/ filings',
  'kpi.onlineDossiers.title': 'Dossiers filed online',
  'kpi.onlineDossiers.short': 'Online dossiers',
  'kpi.proceduresOnline.title': 'Procedures offered online',
  'kpi.proceduresOnline.short': 'Procs online',
  'kpi.onlineFull.title': 'Procedures fully online',
  'kpi.onlineFull.short': 'Fully online',
  'kpi.onTime.title': 'Dossiers resolved on time',
  'kpi.onTime.short': 'On time',
  'kpi.digitised.title': 'Dossiers digitised',
  'kpi.digitised.short': 'Digitised',
  'kpi.synced.title': 'Dossiers synchronised to the national portal',
  'kpi.synced.short': 'Synced',
  'kpi.reusingData.title': 'Dossiers reusing digitised data',
  'kpi.reusingData.short': 'Reuse',

  // The groups of the Quyết định 766 index (src/kpi/index766.ts).
  'kpi.index766.group.ckmb': 'Transparency',
  'kpi.index766.group.tdgq': 'Processing on time',
  'kpi.index766.group.clgq': 'Online services',
  'kpi.index766.group.tttt': 'Online payment',
  'kpi.index766.group.mdsh': 'Digitisation',
  'kpi.index766.group.mdhl': 'Satisfaction',

  // The country and the blocks (src/kpi/overview.ts).
  'kpi.aggregate.country': 'Whole country',
  'kpi.aggregate.ministries': 'Ministries',
  'kpi.aggregate.provinces': 'Provinces',

  // Why a KPI has no value (src/kpi/headline.ts): kept in English with the figure, said in the
  // reader's language by kpi/missing-reason.ts.
  'kpi.missing.quarantined': 'quarantined: {{metric}} of {{agency}} is {{value}} ({{rule}})',
  'kpi.missing.noAgency': 'no agency reported for this period',
  'kpi.missing.metricBecause': '{{metric}} missing for {{agency}}: {{reason}}',
  'kpi.missing.metric': '{{metric}} missing for {{agency}}',
  'kpi.missing.zeroDenominator': 'denominator is 0',
  'kpi.missing.any': 'missing',

  // The kinds of data-quality flag (src/quality/flag-kinds.ts).
  'quality.flagKind.missing': 'missing',
  'quality.flagKind.inconsistent': 'inconsistent',
  'quality.flagKind.outlier': 'outlier',
  'quality.flagKind.stale': 'stale source',
  'quality.flagKind.sourceChanged': 'source changed',
  'quality.flagKind.counterDecreased': 'counter went down',
  'quality.flagKind.unknownUnit': 'unknown unit',

  // The plausibility rules (src/quality/plausibility.ts).
  'quality.rule.negative': 'negative value',
  'quality.rule.outOfRange': 'out of range',
  'quality.rule.tooLarge': 'impossibly large',
  'quality.rule.partExceedsWhole': 'part larger than its total',
  'quality.rule.jumpFromHistory': 'jump against its own history',
  'quality.rule.jumpFromPeers': 'out of line with its peers',

  // What a metric's bound is about, inside the sentences below.
  'quality.bound.monthCount': "one agency's count for a month",
  'quality.bound.yearCount': "one agency's year-to-date count",
  'quality.bound.monthPayments': "one agency's payments for a month",
  'quality.bound.yearPayments': "one agency's year-to-date payments",
  'quality.bound.procedures': "one agency's procedures or services",
  'quality.bound.percentage': 'a percentage',
  'quality.bound.index766Total': 'the 766 index total',
  'quality.bound.index766Group': 'the {{group}} group score',
  'quality.bound.rank': 'a rank',
  'quality.bound.statusCode': 'a status code (0–3)',
  'quality.bound.statusCount': 'a count of components or incidents',
  'quality.bound.anyMetric': 'the metric',

  // Why a value is quarantined.
  'quality.breach.negative': 'negative ({{value}}): this metric cannot be below zero',
  'quality.breach.outOfRange': '{{value}} is outside the range {{min}}–{{max}} of {{what}}',
  'quality.breach.tooLarge': '{{value}} is above the most {{what}} can be ({{max}})',
  'quality.breach.partExceedsWhole': '{{parts}} ({{partValue}}) is larger than its total {{whole}} ({{wholeValue}}): which one is wrong cannot be told, both are held back',
  'quality.breach.historyHigh': '{{value}} is {{ratio}}× the median of the {{months}} months before ({{median}})',
  'quality.breach.historyLow': '{{value}} is 1/{{ratio}} of the median of the {{months}} months before ({{median}})',
  'quality.breach.shortHistory_one': 'only {{count}} month of history',
  'quality.breach.shortHistory_other': 'only {{count}} months of history',
  'quality.breach.peersHigh': '{{history}}; {{value}} is {{ratio}}× the largest of {{peers}} peers of its level in the same month ({{reference}})',
  'quality.breach.peersLow': '{{history}}; {{value}} is 1/{{ratio}} of the smallest of {{peers}} peers of its level in the same month ({{reference}})',

  // What a data-quality flag found (src/quality/rules.ts, evaluate.ts). Stored in English, the
  // store's language; src/quality/flag-detail.ts reads a stored text back into its key and values.
  'quality.detail.outlierFromZero_one': '{{value}} where the median of {{count}} earlier period is {{median}}',
  'quality.detail.outlierFromZero_other': '{{value}} where the median of {{count}} earlier periods is {{median}}',
  'quality.detail.outlierHigh_one': '{{value}} is over {{factor}}× the median of {{count}} earlier period ({{median}})',
  'quality.detail.outlierHigh_other': '{{value}} is over {{factor}}× the median of {{count}} earlier periods ({{median}})',
  'quality.detail.outlierLow_one': '{{value}} is under 1/{{factor}} of the median of {{count}} earlier period ({{median}})',
  'quality.detail.outlierLow_other': '{{value}} is under 1/{{factor}} of the median of {{count}} earlier periods ({{median}})',
  'quality.detail.channelsExceedReceived': 'online + in person + post exceed dossiers received: {{parts}} > {{whole}} ({{partMetrics}} vs {{wholeMetrics}})',
  'quality.detail.onTimeLateExceedResolved': 'on time + late exceed dossiers resolved: {{parts}} > {{whole}} ({{partMetrics}} vs {{wholeMetrics}})',
  'quality.detail.servicesExceedProcedures': 'online services exceed procedures in remit: {{parts}} > {{whole}} ({{partMetrics}} vs {{wholeMetrics}})',
  'quality.detail.rateOver100': '{{kpi}} is over 100%: {{numerator}} ({{numeratorMetrics}}) ÷ {{denominator}} ({{denominatorMetrics}})',
  'quality.detail.percentOver100': '{{metric}} is {{value}}%, over 100%',
  'quality.detail.stale_one': 'no new data since {{since}} (over {{count}} day)',
  'quality.detail.stale_other': 'no new data since {{since}} (over {{count}} days)',

  // How a quarantine ended (src/quality/quarantine.ts), kept in English in the store; an
  // operator's own reason for a release is kept as written.
  'quality.endReason.replaced': 'a later collection replaced it with {{value}}',
  'quality.endReason.gone': 'the stored value is no longer there',
  'quality.endReason.cleared': 'it no longer breaks a plausibility rule (its total, history or peers changed)',
  'quality.endReason.otherSource': 'another source, {{source}}, gives the same value',
  'quality.endReason.collectedAgain': 'collected again, the same, by run #{{run}} on {{day}} (quarantined on {{quarantinedOn}})',

  // What an incomplete aggregate left out.
  'quality.incomplete.item': '{{agency}} ({{metric}} quarantined: {{rule}})',
  'quality.incomplete': 'incomplete, without {{items}}',
} as const;
