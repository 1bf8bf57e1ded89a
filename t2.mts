import { openStore } from './storage/db.ts';
import { historyOf, quarantinedKeysBetween } from './storage/quarantine.ts';
const db = openStore('/tmp/q.sqlite');
const h = historyOf(db, '2025-09', '2026-08', null);
console.log(h.length, h.filter((x) => x.agencyCode === 'bo:BCA' && x.metric === 'dossiers.received').length);
const held = quarantinedKeysBetween(db, '2025-09', '2026-08');
console.log('held', held.size, [...held].filter((k) => k.startsWith('bo:BCA|dossiers.received|')));
