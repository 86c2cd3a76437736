import { timedCheck } from './timed-check';

describe('timedCheck', () => {
  it('reports up with the value and the time taken', async () => {
    const result = await timedCheck(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 42;
    }, 1000);
    expect(result).toMatchObject({ status: 'up', value: 42 });
    expect(result.latencyMs).toBeGreaterThanOrEqual(15);
    expect(result).not.toHaveProperty('error');
  });

  it('reports down with the error when the check rejects or throws', async () => {
    expect(await timedCheck(() => Promise.reject(new Error('ECONNREFUSED 10.0.0.5:27017')), 1000)).toMatchObject({
      status: 'down',
      error: 'ECONNREFUSED 10.0.0.5:27017',
    });
    expect(
      await timedCheck(() => {
        throw new Error('synchronous failure');
      }, 1000),
    ).toMatchObject({ status: 'down', error: 'synchronous failure' });
  });

  it('reports down when the check does not answer in time', async () => {
    const result = await timedCheck(() => new Promise<number>(() => undefined), 50);
    expect(result).toMatchObject({ status: 'down', error: 'no answer within 50 ms' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(45);
    expect(result.latencyMs).toBeLessThan(1000);
  });

  it('masks credentials of connection strings in errors', async () => {
    const result = await timedCheck(() => Promise.reject(new Error('auth failed for mongodb://okr:hunter2@mongo:27017/okr')), 1000);
    expect(result.error).toBe('auth failed for mongodb://***@mongo:27017/okr');
  });
});
