import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config/config.js';

/** Relative imports of every module under src/, as a graph of absolute .ts paths. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const source = fs.readFileSync(full, 'utf8');
        // Type-only imports vanish at run time and cannot form a loading cycle.
        const specifiers = [...source.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)'/gm)]
          .map((m) => m[1])
          .map((spec) => path.resolve(path.dirname(full), spec.replace(/\.js$/, '.ts')));
        graph.set(full, specifiers);
      }
    }
  };
  walk(root);
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('module structure', () => {
  it('has no import cycle among the modules of src/', () => {
    const src = path.join(PROJECT_ROOT, 'src');
    const cycle = findCycle(importGraph(src));
    expect(cycle?.map((file) => path.relative(src, file))).toBeUndefined();
  });

  it('detects a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });
});
