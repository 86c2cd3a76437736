import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetDirName, datasetKey, seedArguments } from './dataset-key';
import { hashSources, sourceFiles } from '../support/source-hash';

const spec = { name: 'org', teams: 10, objectives: 50, days: 30, seed: 42 };

describe('datasetKey', () => {
  it('depends on the parameters and the generator hash, not on the name', () => {
    const key = datasetKey(spec, 'abc');
    expect(key).toMatch(/^[0-9a-f]{12}$/);
    expect(datasetKey({ ...spec, name: 'other' }, 'abc')).toBe(key);
    expect(datasetKey({ ...spec, days: 31 }, 'abc')).not.toBe(key);
    expect(datasetKey(spec, 'abd')).not.toBe(key);
    expect(datasetDirName(spec, key)).toBe(`org-${key}`);
  });

  it('gives the seed CLI arguments', () => {
    expect(seedArguments(spec)).toEqual(['--teams', '10', '--objectives', '50', '--days', '30', '--seed', '42']);
  });
});

describe('hashSources', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bench-hash-'));
    mkdirSync(join(root, 'gen/sub'), { recursive: true });
    writeFileSync(join(root, 'gen/a.ts'), 'export const a = 1;');
    writeFileSync(join(root, 'gen/sub/b.ts'), 'export const b = 2;');
    writeFileSync(join(root, 'gen/a.spec.ts'), 'test');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('covers sources but not tests, and changes with any source', () => {
    expect(sourceFiles(root, [join(root, 'gen')])).toEqual(['gen/a.ts', 'gen/sub/b.ts']);
    const before = hashSources(root, [join(root, 'gen')]);
    writeFileSync(join(root, 'gen/a.spec.ts'), 'changed test');
    expect(hashSources(root, [join(root, 'gen')])).toBe(before);
    writeFileSync(join(root, 'gen/sub/b.ts'), 'export const b = 3;');
    expect(hashSources(root, [join(root, 'gen')])).not.toBe(before);
  });

  it('takes a file among the directories as itself', () => {
    writeFileSync(join(root, 'seed.ts'), 'export const seed = 1;');
    expect(sourceFiles(root, [join(root, 'gen/sub'), join(root, 'seed.ts')])).toEqual(['gen/sub/b.ts', 'seed.ts']);
    const before = hashSources(root, [join(root, 'gen/sub'), join(root, 'seed.ts')]);
    writeFileSync(join(root, 'seed.ts'), 'export const seed = 2;');
    expect(hashSources(root, [join(root, 'gen/sub'), join(root, 'seed.ts')])).not.toBe(before);
  });
});
