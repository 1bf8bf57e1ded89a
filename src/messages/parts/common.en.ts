// English messages of the common part of the catalogue (see ../parts.ts): the shared formatters
// of src/i18n.ts and the uptime report's formula. Keys are unique across parts.
export const commonEn = {
  // Numbers and months (src/i18n.ts). {{month, number(…)}} is formatted by i18next with Intl.
  // The locale numbers are written in (Intl).
  'common.locale': 'en-US',
  'common.noData': 'no data',
  'common.points': '{{number}} points',
  'common.monthLabel': '{{year}}-{{month, number(minimumIntegerDigits: 2)}}',
  // A month on a chart axis.
  'common.shortMonth': '{{year, number(useGrouping: false)}}-{{month, number(minimumIntegerDigits: 2)}}',

  // A duration as people say it (formatDuration): units, not counted words.
  'common.duration.seconds': '{{n}} s',
  'common.duration.days': '{{n}} d',
  'common.duration.hours': '{{n}} h',
  'common.duration.minutes': '{{n}} min',

  // The uptime report (src/uptime/report.ts).
  'common.uptime.availabilityFormula': 'availability = (UP + DEGRADED) ÷ (UP + DEGRADED + DOWN) × 100, counted in probes; MAINTENANCE and UNKNOWN are excluded; p50/p95 are the upper bound of the histogram bucket holding the percentile, over UP and DEGRADED probes only.',
} as const;
