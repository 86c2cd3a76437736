import request from 'supertest';
import { ADMIN_TOKEN, TestApi, startTestApi } from './support/test-api';

/**
 * Numbers people read come without binary noise: an objective whose two key results, weighted alike, stand at
 * progress 0.1 and 0.7 with confidence 0.1 and 0.7 has progress, rollup and confidence (0.1 + 0.7) / 2, which a
 * double computes as 0.39999999999999997. Every JSON answer that carries them (queries, lists, alignment, asOf,
 * diff, time series) says 0.4; what is stored stays exact.
 */
describe('numbers in answers are rounded at the API edge', () => {
  const NOISE = '0.39999999999999997';
  let api: TestApi;
  const ids: Record<string, string> = {};
  let checkedInAt: string;

  beforeAll(async () => {
    expect(String((0.1 + 0.7) / 2)).toBe(NOISE);
    api = await startTestApi({ now: '2026-02-01T12:00:00.000Z' });
    const admin = api.as();
    const post = async (url: string, body: object) => (await admin.post(url).send(body).expect(201)).body;
    ids.cycle = (await post('/api/cycles', { name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' })).id;
    ids.team = (await post('/api/teams', { name: 'Growth' })).id;
    ids.objective = (await post('/api/objectives', { cycleId: ids.cycle, title: 'Grow', kind: 'committed', teamId: ids.team })).id;
    const metric = { type: 'increase', start: 0, target: 10 };
    ids.kr1 = (await post(`/api/objectives/${ids.objective}/key-results`, { title: 'One', metric })).id;
    ids.kr2 = (await post(`/api/objectives/${ids.objective}/key-results`, { title: 'Two', metric })).id;
    api.clock.set('2026-02-02T12:00:00.000Z');
    await post(`/api/key-results/${ids.kr1}/check-ins`, { value: 1, confidence: 0.1 });
    await post(`/api/key-results/${ids.kr2}/check-ins`, { value: 7, confidence: 0.7 });
    checkedInAt = '2026-02-02T12:00:01.000Z';
    api.clock.set('2026-02-03T12:00:00.000Z');
  });
  afterAll(async () => {
    await api.close();
  });

  /** The answer's text has no noise, and the objective's numbers read 0.4. */
  function expectClean(text: string): void {
    expect(text).not.toContain(NOISE);
    expect(text).not.toMatch(/\d\.\d{16,}/);
  }

  it('GET an objective: progress, rollup and confidence read 0.4', async () => {
    const res = await api.as().get(`/api/objectives/${ids.objective}`).expect(200);
    expectClean(res.text);
    expect(res.body).toMatchObject({ progress: 0.4, rollup: 0.4, confidence: 0.4 });
  });

  it('the list of objectives and the team rollup', async () => {
    const list = await api.as().get(`/api/objectives?cycleId=${ids.cycle}`).expect(200);
    expectClean(list.text);
    expect(list.body.items[0]).toMatchObject({ progress: 0.4, confidence: 0.4 });
    const team = await api.as().get(`/api/teams/${ids.team}/rollup?cycleId=${ids.cycle}`).expect(200);
    expectClean(team.text);
  });

  it('the alignment tree, plain and gzipped', async () => {
    const plain = await api.as().get(`/api/cycles/${ids.cycle}/alignment`).set('Accept-Encoding', 'identity').expect(200);
    expectClean(plain.text);
    expect(plain.body.roots[0]).toMatchObject({ progress: 0.4, rollup: 0.4, confidence: 0.4 });
    // supertest inflates the gzipped answer: its text is what the client reads.
    const zipped = await api.as().get(`/api/cycles/${ids.cycle}/alignment`).set('Accept-Encoding', 'gzip').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expectClean(zipped.text);
    expect(zipped.body.roots[0]).toMatchObject({ progress: 0.4, rollup: 0.4, confidence: 0.4 });
  });

  it('asOf answers: the objective and the alignment tree', async () => {
    const objective = await api.as().get(`/api/objectives/${ids.objective}?asOf=${checkedInAt}`).expect(200);
    expectClean(objective.text);
    expect(objective.body).toMatchObject({ progress: 0.4, rollup: 0.4, confidence: 0.4 });
    const alignment = await api
      .as()
      .get(`/api/cycles/${ids.cycle}/alignment?asOf=${checkedInAt}`)
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expectClean(alignment.text);
    expect(alignment.body.roots[0]).toMatchObject({ progress: 0.4, rollup: 0.4, confidence: 0.4 });
  });

  it('the cycle diff', async () => {
    const diff = await api.as().get(`/api/cycles/${ids.cycle}/diff?from=2026-02-01T12:00:01.000Z&to=${checkedInAt}`).expect(200);
    expectClean(diff.text);
    expect(diff.body.progress).toMatchObject([
      { id: ids.objective, progress: { from: 0, to: 0.4, delta: 0.4 }, rollup: { from: 0, to: 0.4 } },
    ]);
  });

  it('the time series, JSON and CSV', async () => {
    const json = await api.as().get(`/api/cycles/${ids.cycle}/timeseries?interval=week&format=json`).expect(200);
    expectClean(json.text);
    const objective = JSON.parse(json.text).objectives[0];
    expect(objective.progress).toContain(0.4);
    const csv = await api.as().get(`/api/cycles/${ids.cycle}/timeseries?interval=week&format=csv`).expect(200);
    expectClean(csv.text);
    expect(csv.text).toContain(',0.4,0.4');
  });

  it('a replayed Idempotency-Key answer is rounded like the first', async () => {
    const close = () =>
      request(api.app.getHttpServer())
        .post(`/api/objectives/${ids.objective}/close`)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('Idempotency-Key', 'close-once')
        .send({});
    const first = await close().expect(200);
    const again = await close().expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    expectClean(first.text);
  });
});
