import { LoadRequest } from './load-test';

/** A key result that receives check-ins, with the value it stood at when sampled. */
export interface CheckInTarget {
  keyResultId: string;
  metricType: string;
  current: number;
}

/** mulberry32: a small deterministic PRNG, so two runs send the same bodies. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Valid check-ins (`POST /api/key-results/:id/check-ins`) rotating over the targets in a fixed shuffled
 * order: values drift around each key result's current value (milestones: 0 or 1), confidence in
 * 0.3..0.95, a short note on one check-in in five, no effectiveAt (now).
 */
export class CheckInRequests {
  private readonly order: number[];
  private readonly values: number[];
  private readonly random: () => number;
  private index = 0;
  sent = 0;

  constructor(
    private readonly targets: readonly CheckInTarget[],
    private readonly token: string,
    seed = 42,
  ) {
    if (targets.length === 0) throw new Error('No key result to check in');
    this.random = prng(seed);
    this.order = targets.map((_, i) => i);
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
    }
    this.values = targets.map((t) => t.current);
  }

  next(): LoadRequest {
    const i = this.order[this.index];
    this.index = (this.index + 1) % this.order.length;
    const target = this.targets[i];
    let value: number;
    if (target.metricType === 'milestone') value = this.random() < 0.3 ? 1 : 0;
    else {
      const step = Math.max(1, Math.abs(this.values[i]) * 0.02);
      value = Math.round((this.values[i] + (this.random() - 0.4) * step) * 100) / 100;
      this.values[i] = value;
    }
    const body: { value: number; confidence: number; note?: string } = {
      value,
      confidence: Math.round((0.3 + this.random() * 0.65) * 100) / 100,
    };
    if (this.random() < 0.2) body.note = `bench check-in ${this.sent}`;
    this.sent++;
    return {
      method: 'POST',
      path: `/api/key-results/${target.keyResultId}/check-ins`,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  }
}
