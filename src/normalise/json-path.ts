// A small path language into parsed JSON, for config files: "status", "page.name",
// "components[0].status", "components[*].status" ([*] visits every element).
export type PathStep = { key: string } | { index: number } | { all: true };

const STEP = /([^.[\]]+)|\[(\d+|\*)\]/g;

export function parseJsonPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let consumed = '';
  for (const m of path.matchAll(STEP)) {
    consumed += m[0];
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] === '*') steps.push({ all: true });
    else steps.push({ index: Number(m[2]) });
  }
  if (consumed !== path.replace(/\./g, '')) throw new Error(`"${path}" is not a path. Fix: write keys separated by dots, [n] for an element, [*] for every element`);
  return steps;
}

export function isJsonPath(path: string): boolean {
  try {
    return parseJsonPath(path).length > 0 && !/\.\.|^\.|\.$/.test(path);
  } catch {
    return false;
  }
}

/** Every value the path reaches; none when a step does not exist (an absent key is not null). */
export function selectJson(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const step of parseJsonPath(path)) {
    const next: unknown[] = [];
    for (const node of current) {
      if ('key' in step) {
        if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, step.key)) next.push((node as Record<string, unknown>)[step.key]);
      } else if (Array.isArray(node)) {
        if ('all' in step) next.push(...node);
        else if (step.index < node.length) next.push(node[step.index]);
      }
    }
    current = next;
  }
  return current;
}
