// Source kind → collector. Adding a source kind = one file in collectors/ and one line here.
import type { SourceConfig } from '../src/config/schema.ts';
import { htmlPage } from './html-page.ts';
import { nationalPortal } from './national-portal.ts';
import { openData } from './open-data.ts';
import { platformApi } from './platform-api.ts';
import { statusEndpoint } from './status-endpoint.ts';
import type { Collector } from './types.ts';

const COLLECTORS: { [K in SourceConfig['kind']]: Collector<Extract<SourceConfig, { kind: K }>> } = {
  'national-portal': nationalPortal,
  'platform-api': platformApi,
  'html-page': htmlPage,
  'open-data': openData,
  'status-endpoint': statusEndpoint,
};

export function collectorFor<S extends SourceConfig>(source: S): Collector<S> {
  return COLLECTORS[source.kind as S['kind']] as unknown as Collector<S>;
}
