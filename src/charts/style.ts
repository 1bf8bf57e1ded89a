// The charts' own style rules: what a page that shows them needs (the report embeds them, the
// dashboard serves them in its stylesheet).
export const CHART_STYLE = `
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
svg.chart { display: block; width: 100%; height: auto; max-width: 640px; }
svg.sparkline { display: block; width: 96px; height: 26px; }
figure.chart-figure { margin: .5rem 0 1rem; min-width: 0; }
details.chart-data summary { cursor: pointer; }
`;

