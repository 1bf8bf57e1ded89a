// What the Observatory's test files import besides chai and their analyzers: their helpers
// (`./helpers.js`), the session their `Requests` holds (`./retriever/session.js`) and
// tough-cookie's `Cookie.parse`, in the small shapes requests.ts gives them.
import { run } from './record.ts';
import { CookieJar, emptyRequests as build, setHeader, type JarCookie, type ObsRequests } from './requests.ts';

export { setHeader };

export function emptyRequests(httpEquivFile: string | null = null): ObsRequests {
  return build(run.filesDir, httpEquivFile);
}

export class Session {
  readonly jar = new CookieJar();
  constructor(readonly url: URL) {}
}

export const Cookie = {
  /** The line as written, and its name (all their jar is asked for). */
  parse(line: string): JarCookie | null {
    const name = line.split(';')[0]?.split('=')[0]?.trim();
    return name ? { raw: line, key: name } : null;
  },
};
