import { PositionWaiters } from './position-waiters';

describe('PositionWaiters', () => {
  it('answers at once for a reached position, later when notified, false after the timeout', async () => {
    let current = 5;
    const waiters = new PositionWaiters(() => current);
    await expect(waiters.wait(5, 10)).resolves.toBe(true);
    const soon = waiters.wait(8, 5_000);
    const never = waiters.wait(100, 20);
    expect(waiters.size).toBe(2);
    current = 8;
    waiters.notify();
    await expect(soon).resolves.toBe(true);
    await expect(never).resolves.toBe(false);
    expect(waiters.size).toBe(0);
  });

  it('releaseAll settles every waiter with whether its position is reached', async () => {
    let current = 1;
    const waiters = new PositionWaiters(() => current);
    const reached = waiters.wait(3, 5_000);
    const notReached = waiters.wait(9, 5_000);
    current = 4;
    waiters.releaseAll();
    await expect(Promise.all([reached, notReached])).resolves.toEqual([true, false]);
    expect(waiters.size).toBe(0);
  });
});
