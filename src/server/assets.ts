// The dashboard's stylesheet and script, read once: served from /assets/ (and copied into a
// static status page export), so pages need no inline style or script.
import { readFileSync } from 'node:fs';
import { CHART_STYLE } from '../charts/index.ts';
import { projectPath } from '../paths.ts';

// From the project's root, not this module's folder: compiled into dist/, the module is elsewhere.
const read = (name: string) => readFileSync(projectPath('src', 'server', 'assets', name), 'utf8');

export const STYLESHEET = `${read('dashboard.css')}\n/* charts (src/charts) */${CHART_STYLE}`;
export const SCRIPT = read('dashboard.js');
