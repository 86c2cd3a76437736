import { CheckInRequests } from './check-in-requests';

const targets = [
  { keyResultId: 'kr-a', metricType: 'increase', current: 100 },
  { keyResultId: 'kr-b', metricType: 'milestone', current: 0 },
  { keyResultId: 'kr-c', metricType: 'decrease', current: -5 },
];

describe('CheckInRequests', () => {
  it('visits every key result once per round, with valid bodies', () => {
    const requests = new CheckInRequests(targets, 'token-0123456789abcdef');
    const round = [requests.next(), requests.next(), requests.next()];
    expect(round.map((r) => r.path).sort()).toEqual([
      '/api/key-results/kr-a/check-ins',
      '/api/key-results/kr-b/check-ins',
      '/api/key-results/kr-c/check-ins',
    ]);
    for (const request of round) {
      expect(request.method).toBe('POST');
      expect(request.headers).toMatchObject({ authorization: 'Bearer token-0123456789abcdef', 'content-type': 'application/json' });
      const body = JSON.parse(request.body!);
      expect(Number.isFinite(body.value)).toBe(true);
      expect(body.confidence).toBeGreaterThanOrEqual(0);
      expect(body.confidence).toBeLessThanOrEqual(1);
      if (request.path.includes('kr-b')) expect([0, 1]).toContain(body.value);
    }
  });

  it('is deterministic for a seed', () => {
    const a = new CheckInRequests(targets, 't', 7);
    const b = new CheckInRequests(targets, 't', 7);
    for (let i = 0; i < 10; i++) expect(a.next()).toEqual(b.next());
  });

  it('needs at least one key result', () => {
    expect(() => new CheckInRequests([], 't')).toThrow();
  });
});
