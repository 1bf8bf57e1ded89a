// The accessibility catalogue against the installed axe-core: every rule axe runs belongs to
// exactly one criterion (so none is lost and none judged twice), and an upgrade that brings a
// new rule fails here until someone places it.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/checks/criteria/index.ts';
import { axeRules } from '../../src/checks/evidence/axe.ts';

describe('the accessibility catalogue and axe-core', () => {
  const owners = new Map<string, string[]>();
  for (const c of CATALOGUE) for (const rule of c.axeRules ?? []) owners.set(rule, [...(owners.get(rule) ?? []), c.id]);

  it('claims every rule axe runs exactly once', () => {
    const unclaimed = axeRules().map((r) => r.ruleId).filter((id) => !owners.has(id));
    const twice = [...owners].filter(([, ids]) => ids.length > 1);
    expect({ unclaimed, twice }).toEqual({ unclaimed: [], twice: [] });
  });

  it('names no rule axe does not have', () => {
    const known = new Set(axeRules().map((r) => r.ruleId));
    expect([...owners.keys()].filter((id) => !known.has(id))).toEqual([]);
  });

  it('keeps best-practice and experimental rules out of the scored criteria', () => {
    const scored = CATALOGUE.filter((c) => !c.advisory).flatMap((c) => c.axeRules ?? []);
    const tagsOf = new Map(axeRules().map((r) => [r.ruleId, r.tags]));
    // td-has-header is experimental but tests 1.3.1 directly (ACT a25f45 and the issue ask for it).
    const offLevel = scored.filter((id) => id !== 'td-has-header' && !tagsOf.get(id)!.some((t) => /^wcag2(1)?aa?$/.test(t)) && !['scope-attr-valid', 'table-duplicate-name', 'empty-table-header', 'empty-heading'].includes(id));
    expect(offLevel).toEqual([]);
  });

  it('gives every accessibility criterion a way to fix it', () => {
    expect(CATALOGUE.filter((c) => c.area === 'accessibility' && !c.advice && c.scope === 'page').map((c) => c.id)).toEqual([]);
  });
});
