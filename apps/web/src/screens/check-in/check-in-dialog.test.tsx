import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { HistoryEntry, KeyResultView, Metric } from '../../api/views';
import { dateInput } from '../../app/format';
import { fakeApi, json, problem } from '../../testing/fake-api';
import { CheckInDialog, effectiveAtOf } from './check-in-dialog';

// A loaded machine (2 shared cores) can take more than the defaults to render a screen after its answers.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const CYCLE = { startsOn: '2020-01-01', endsOn: '2099-12-31' };

function keyResult(metric: Metric, fields: Partial<KeyResultView> = {}): KeyResultView {
  return {
    id: 'k1',
    objectiveId: 'o1',
    title: 'Reduce churn',
    metric,
    originalTarget: metric.target,
    weight: 1,
    ownerId: 'u-ada',
    checkInCadence: null,
    current: metric.start,
    confidence: 0.7,
    progress: 0,
    progressRaw: 0,
    grade: null,
    removed: false,
    checkInCount: 0,
    lastEffectiveAt: null,
    carriedOverFrom: null,
    initiativeIds: [],
    version: 3,
    ...fields,
  };
}

const withEtag = (body: KeyResultView) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ETag: `"${body.version}"` } });

const CHURN: Metric = { type: 'decrease', start: 5, target: 2.5, unit: '%' };

function open(kr: KeyResultView, routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  const requests = fakeApi({ 'GET /api/key-results/k1': () => withEtag(kr), ...routes });
  const onCheckedIn = vi.fn();
  const onClose = vi.fn();
  render(<CheckInDialog keyResultId="k1" title={kr.title} cycle={CYCLE} onClose={onClose} onCheckedIn={onCheckedIn} />);
  const posts = () => requests.filter((r) => r.method === 'POST');
  return { requests, posts, onCheckedIn, onClose };
}

const dialog = () => screen.getByRole('dialog', { name: /^Check in: / });

describe('the check-in dialog', () => {
  it.each([
    [{ type: 'increase', start: 10, target: 50, unit: 'users' }, 'In users; from 10 users to 50 users'],
    [{ type: 'decrease', start: 5, target: 2.5, unit: '%' }, 'In %; from 5 % to 2.5 %'],
    [{ type: 'atLeast', start: 0, target: 95, unit: '%' }, 'In %; at least 95 %'],
    [{ type: 'atMost', start: 0, target: 200, unit: null }, 'at most 200'],
  ] as [Metric, string][])('asks a %o metric for a number, saying what it aims at', async (metric, hint) => {
    const { posts } = open(keyResult(metric));
    const value = await screen.findByLabelText('Value');
    expect(value.getAttribute('inputmode')).toBe('decimal');
    expect(screen.getByText(hint)).toBeTruthy();
    await userEvent.type(value, '42');
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(await posts()[0].json()).toEqual({ value: 42, confidence: 0.7, note: null });
  });

  it('asks a milestone for done or not done, and sends 1 or 0', async () => {
    const { posts, onCheckedIn } = open(keyResult({ type: 'milestone', start: 0, target: 1, unit: null }), {
      'POST /api/key-results/k1/check-ins': () => json({ id: 'c1', version: 4, position: 99 }, 201),
    });
    const group = await screen.findByRole('group', { name: 'Milestone' });
    expect(within(group).getByLabelText('Not done')).toHaveProperty('checked', true);
    expect(screen.queryByLabelText('Value')).toBeNull();
    await userEvent.click(within(group).getByLabelText('Done'));
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));
    await waitFor(() => expect(onCheckedIn).toHaveBeenCalledWith(expect.objectContaining({ value: 1, text: 'Done' })));
    expect((await posts()[0].json()).value).toBe(1);
  });

  it('sends If-Match from the ETag, an Idempotency-Key, confidence as a fraction, the note and a backdated day', async () => {
    const { posts, onCheckedIn, onClose } = open(keyResult(CHURN), {
      'POST /api/key-results/k1/check-ins': () => json({ id: 'c1', version: 4, position: 99 }, 201),
    });
    await userEvent.type(await screen.findByLabelText('Value'), '3.5');
    const confidence = screen.getByLabelText('Confidence');
    await userEvent.clear(confidence);
    await userEvent.type(confidence, '60');
    await userEvent.type(screen.getByLabelText('Note (optional)'), '  Fewer cancellations after the pricing change ');
    const date = screen.getByLabelText('Date');
    expect(date.getAttribute('min')).toBe(CYCLE.startsOn);
    expect(date.getAttribute('max')).toBe(dateInput(new Date()));
    await userEvent.clear(date);
    await userEvent.type(date, '2024-03-05');
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));

    await waitFor(() => expect(onCheckedIn).toHaveBeenCalledWith({ keyResultId: 'k1', title: 'Reduce churn', value: 3.5, text: '3.5 %' }));
    expect(onClose).toHaveBeenCalled();
    const post = posts()[0];
    expect(post.headers.get('If-Match')).toBe('"3"');
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/);
    expect(await post.json()).toEqual({
      value: 3.5,
      confidence: 0.6,
      note: 'Fewer cancellations after the pricing change',
      effectiveAt: '2024-03-05T12:00:00.000Z',
    });
  });

  it('shows the message of the field at fault from the problem, beside the field', async () => {
    const { posts } = open(keyResult(CHURN), {
      'POST /api/key-results/k1/check-ins': () =>
        problem(400, 'Bad Request', { errors: [{ field: 'value', message: 'value must be a finite number between -1e15 and 1e15' }] }),
    });
    const value = await screen.findByLabelText('Value');
    await userEvent.type(value, '1e16');
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));
    await screen.findByText('value must be a finite number between -1e15 and 1e15');
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect(value.getAttribute('aria-describedby')).toContain(screen.getByText(/finite number/).id);
    expect(document.activeElement).toBe(value);
    expect(posts()).toHaveLength(1);
    expect(dialog()).toBeTruthy();
  });

  it('shows a domain rule refused on the date beside the date (422)', async () => {
    open(keyResult(CHURN), {
      'POST /api/key-results/k1/check-ins': () =>
        problem(422, 'Unprocessable Content', {
          errors: [{ field: 'effectiveAt', message: 'effectiveAt must fall inside the cycle (2026-01-01 to 2026-03-31)' }],
        }),
    });
    await userEvent.type(await screen.findByLabelText('Value'), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));
    await screen.findByText('effectiveAt must fall inside the cycle (2026-01-01 to 2026-03-31)');
    expect(screen.getByLabelText('Date').getAttribute('aria-invalid')).toBe('true');
  });

  it('checks what it can before sending: a value and a confidence from 0 to 100', async () => {
    const { posts } = open(keyResult(CHURN));
    await userEvent.click(await screen.findByRole('button', { name: 'Check in' }));
    expect(screen.getByText('Enter a value.')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Value'), 'three');
    const confidence = screen.getByLabelText('Confidence');
    await userEvent.clear(confidence);
    await userEvent.type(confidence, '140');
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));
    expect(screen.getByText('"three" is not a number.')).toBeTruthy();
    expect(screen.getByText('Confidence is a percentage from 0 to 100.')).toBeTruthy();
    expect(posts()).toHaveLength(0);
  });

  it('on 412 shows the newer value and what changed it, then checks in on the newer version', async () => {
    let version = 3;
    const change: HistoryEntry = {
      position: 40,
      recordedAt: '2026-03-10T09:00:00.000Z',
      actor: { id: 'u-grace', name: 'Grace Hopper' },
      type: 'KeyResultCheckedIn',
      streamId: 'key-result-k1',
      summary: "Checked in 'Reduce churn' at 3 % by Grace Hopper",
      changes: {},
    };
    const { posts, onCheckedIn } = open(keyResult(CHURN), {
      'GET /api/key-results/k1': () => withEtag(keyResult(CHURN, { version, current: version === 3 ? 5 : 3, confidence: 0.8 })),
      'GET /api/key-results/k1/history': () => json({ items: [change], nextCursor: null }),
      'POST /api/key-results/k1/check-ins': (request) => {
        if (request.headers.get('If-Match') !== `"${version}"`) return problem(412, 'Precondition Failed');
        return json({ id: 'c9', version: version + 1, position: 41 }, 201);
      },
    });
    await userEvent.type(await screen.findByLabelText('Value'), '2.9');
    version = 4; // Grace checks in meanwhile.
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));

    const alert = await screen.findByText(/Changed while you were editing/);
    const conflict = alert.closest('[role="alert"]')!;
    expect(conflict.textContent).toContain("Checked in 'Reduce churn' at 3 % by Grace Hopper");
    expect(conflict.textContent).toContain('The value is now 3 %, confidence 80 %');
    expect(onCheckedIn).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Value') as HTMLInputElement).value).toBe('2.9');

    await userEvent.click(screen.getByRole('button', { name: 'Check in again' }));
    await waitFor(() => expect(onCheckedIn).toHaveBeenCalledWith(expect.objectContaining({ value: 2.9 })));
    const [first, second] = posts();
    expect(first.headers.get('If-Match')).toBe('"3"');
    expect(second.headers.get('If-Match')).toBe('"4"');
    expect(second.headers.get('Idempotency-Key')).not.toBe(first.headers.get('Idempotency-Key'));
  });

  it('retries an attempt that got no answer with the same Idempotency-Key, and a changed one with a new key', async () => {
    let calls = 0;
    const { posts, onCheckedIn } = open(keyResult(CHURN), {
      'POST /api/key-results/k1/check-ins': () => {
        calls++;
        if (calls <= 2) throw new TypeError('Failed to fetch');
        return json({ id: 'c1', version: 4, position: 99 }, 201);
      },
    });
    const value = await screen.findByLabelText('Value');
    await userEvent.type(value, '4');
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));
    await screen.findByText(/could not be saved .* it will not be recorded twice/);
    await userEvent.type(value, '.5');
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));
    await waitFor(() => expect(posts()).toHaveLength(2));
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));
    await waitFor(() => expect(onCheckedIn).toHaveBeenCalled());
    const keys = posts().map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe(keys[1]);
  });
});

describe('the day a check-in is dated', () => {
  const now = new Date(2026, 2, 15, 10, 30);

  it('is now for today, midday UTC for an earlier day, and as typed for a later one (the API refuses it)', () => {
    expect(effectiveAtOf(dateInput(now), now)).toBeUndefined();
    expect(effectiveAtOf('2026-03-02', now)).toBe('2026-03-02T12:00:00.000Z');
    expect(effectiveAtOf('2026-04-02', now)).toBe('2026-04-02T12:00:00.000Z');
  });
});
