// The package ships no types: what the tests read of its output (prom2json's shape).
declare module 'parse-prometheus-text-format' {
  interface Sample { labels?: Record<string, string>; value?: string }
  interface Family { name: string; help: string; type: 'GAUGE' | 'COUNTER' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED'; metrics: Sample[] }
  export default function parsePrometheusTextFormat(text: string): Family[];
}
