import { mulberry32 } from '@okr/demo';
import { TestApi } from './test-api';

/**
 * Issues `steps` random commands through the HTTP API (some refused by the rules, which is part of the
 * test: refusals must leave no trace), advancing the clock as it goes. Returns how many were accepted.
 */
export async function randomHistory(api: TestApi, seed: number, steps: number): Promise<number> {
  const random = mulberry32(seed);
  const pick = <T>(list: T[]): T | undefined => (list.length ? list[Math.floor(random() * list.length)] : undefined);
  const admin = api.as();
  const cycles: string[] = [];
  const teams: string[] = [];
  const objectives: string[] = [];
  const keyResults: string[] = [];
  const initiatives: string[] = [];
  const metricTypes = ['increase', 'decrease', 'atLeast', 'atMost', 'milestone'] as const;
  let accepted = 0;

  const q1 = await admin.post('/api/cycles').send({ name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }).expect(201);
  const q2 = await admin.post('/api/cycles').send({ name: 'Q2', startsOn: '2026-04-01', endsOn: '2026-06-30' }).expect(201);
  cycles.push(q1.body.id, q2.body.id);

  for (let step = 0; step < steps; step++) {
    api.clock.advance(Math.floor(random() * 3 * 3600_000));
    const roll = random();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer of any route
    let res: { status: number; body: any } | undefined;
    if (roll < 0.06 || teams.length === 0) {
      res = await admin.post('/api/teams').send({ name: `Team ${step}`, parentTeamId: random() < 0.7 ? (pick(teams) ?? null) : null });
      if (res.status === 201) teams.push(res.body.id);
    } else if (roll < 0.16 || objectives.length < 3) {
      res = await admin.post('/api/objectives').send({
        cycleId: pick(cycles),
        title: `Objective ${step}`,
        kind: random() < 0.5 ? 'committed' : 'aspirational',
        teamId: pick(teams),
      });
      if (res.status === 201) objectives.push(res.body.id);
    } else if (roll < 0.3 || keyResults.length < 3) {
      const type = pick([...metricTypes])!;
      const start = Math.round(random() * 50);
      const metric =
        type === 'decrease'
          ? { type, start: start + 50, target: start }
          : type === 'milestone'
            ? { type }
            : { type, start, target: start + 10 + Math.round(random() * 90) };
      res = await admin
        .post(`/api/objectives/${pick(objectives)}/key-results`)
        .send({ title: `KR ${step}`, metric, weight: 1 + Math.floor(random() * 4) });
      if (res.status === 201) keyResults.push(res.body.id);
    } else if (roll < 0.6) {
      res = await admin
        .post(`/api/key-results/${pick(keyResults)}/check-ins`)
        .send({ value: Math.round(random() * 150), confidence: Math.round(random() * 100) / 100 });
    } else if (roll < 0.68) {
      res = await admin
        .put(`/api/objectives/${pick(objectives)}/parent`)
        .send({ parentObjectiveId: random() < 0.85 ? pick(objectives) : null, weight: 1 + Math.floor(random() * 3) });
    } else if (roll < 0.72) {
      res = await admin
        .patch(`/api/key-results/${pick(keyResults)}`)
        .send({ target: 200 + Math.round(random() * 100), reason: 'rebalanced' });
    } else if (roll < 0.75) {
      res = await admin.patch(`/api/key-results/${pick(keyResults)}`).send({ weight: 1 + Math.floor(random() * 5) });
    } else if (roll < 0.77) {
      res = await admin.delete(`/api/key-results/${pick(keyResults)}`);
    } else if (roll < 0.79) {
      res = await admin.post(`/api/key-results/${pick(keyResults)}/grade`).send({ score: Math.round(random() * 100) / 100 });
    } else if (roll < 0.85) {
      res = await admin
        .post('/api/initiatives')
        .send({ title: `Initiative ${step}`, keyResultIds: [pick(keyResults), pick(keyResults)].filter(Boolean) });
      if (res.status === 201) initiatives.push(res.body.id);
    } else if (roll < 0.92) {
      const statuses = ['planned', 'in_progress', 'done', 'dropped'];
      res = await admin
        .patch(`/api/initiatives/${pick(initiatives) ?? 'none'}`)
        .send({ status: pick(statuses), keyResultIds: random() < 0.3 ? [pick(keyResults)] : undefined });
    } else if (roll < 0.94) {
      res = await admin.post(`/api/objectives/${pick(objectives)}/archive`);
    } else if (roll < 0.96) {
      res = await admin.post(`/api/objectives/${pick(objectives)}/close`).send({});
    } else if (roll < 0.98) {
      res = await admin.patch(`/api/teams/${pick(teams)}`).send({ parentTeamId: random() < 0.5 ? (pick(teams) ?? null) : null });
    } else {
      res = await admin.patch(`/api/objectives/${pick(objectives)}`).send({ title: `Renamed ${step}`, teamId: pick(teams) ?? null });
    }
    if (res && res.status >= 500) throw new Error(`step ${step}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res && res.status < 300) accepted++;
  }
  return accepted;
}
