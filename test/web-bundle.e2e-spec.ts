import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUILD_DIR } from './support/built-app-process';

const WEB = join(BUILD_DIR, 'web');
const BUDGET_BYTES = 300 * 1024;

/** The JavaScript a browser loads before the first screen: index.html's module scripts and their modulepreloads. */
function initialScripts(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set([...scripts, ...preloads])];
}

describe('the web app build (dist/web)', () => {
  it('loads at most 300 KB of JavaScript (gzip) before the first screen; screens come later, on demand', () => {
    if (!existsSync(join(WEB, 'index.html'))) throw new Error(`${WEB} is missing: run "npm run build" first`);
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    const initial = initialScripts(html);
    expect(initial.length).toBeGreaterThan(0);
    const sizes = initial.map((src) => {
      expect(src).toMatch(/^\/assets\//);
      return { src, gzip: gzipSync(readFileSync(join(WEB, src))).length };
    });
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `initial JavaScript: ${(total / 1024).toFixed(1)} KB gzip (${sizes.map((s) => `${s.src} ${(s.gzip / 1024).toFixed(1)} KB`).join(', ')})`,
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    const later = readdirSync(join(WEB, 'assets')).filter((f) => f.endsWith('.js') && !initial.includes(`/assets/${f}`));
    expect(later.length).toBeGreaterThan(0);
  });

  it('names nothing outside this origin (no CDN, no external font) and has no inline script', () => {
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const css of readdirSync(join(WEB, 'assets')).filter((f) => f.endsWith('.css')))
      expect(readFileSync(join(WEB, 'assets', css), 'utf8')).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
  });
});
