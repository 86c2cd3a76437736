import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGET } from './budget';

describe('BUDGET', () => {
  it("gives `npm start` the API thread's heap (package.json cannot import it)", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      config: { apiNodeOptions: string };
    };
    expect(pkg.config.apiNodeOptions.split(/\s+/)).toContain(`--max-old-space-size=${BUDGET.apiThread.heapMb}`);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(BUDGET)).toBe(true);
    for (const group of Object.values(BUDGET)) expect(Object.isFrozen(group)).toBe(true);
    expect(() => {
      (BUDGET.apiThread as { heapMb: number }).heapMb = 1;
    }).toThrow(TypeError);
  });

  it('holds positive figures only', () => {
    for (const [group, entries] of Object.entries(BUDGET))
      for (const [name, value] of Object.entries(entries))
        expect({ entry: `${group}.${name}`, positive: value > 0 }).toEqual({ entry: `${group}.${name}`, positive: true });
  });
});
