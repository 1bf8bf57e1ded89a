import { FIXTURES_ORIGIN } from '../scripts/sandbox/check-fixtures.ts';
import { startSandbox } from '../scripts/sandbox/server.ts';
import { sandboxChecker } from '../test/helpers/checks.ts';
const sandbox = await startSandbox();
const checker = sandboxChecker(sandbox, { areas: ['accessibility'] });
const c = await checker.checkPortal({ portalId: null, homeUrl: `${FIXTURES_ORIGIN}/a11y/keyboard/${process.argv[2] ?? 'bay-nut-tro-giup'}`, pages: [] });
const k = c.visits[0]!.evidence.keyboard!;
console.log(JSON.stringify({ trap: k.trap, stops: k.stops.map(s => s.element.selector), fwd: k.forward }, null, 1).slice(0, 3000));
await checker.close(); await sandbox.close();
