import { isProblemDetails, problem, PROBLEM_CONTENT_TYPE, ProblemTypes, statusTitle } from './problem-details';

describe('problem details helpers', () => {
  it('uses the RFC 9457 media type', () => {
    expect(PROBLEM_CONTENT_TYPE).toBe('application/problem+json');
  });

  it('gives RFC 9110 reason phrases as titles', () => {
    expect(statusTitle(400)).toBe('Bad Request');
    expect(statusTitle(404)).toBe('Not Found');
    expect(statusTitle(409)).toBe('Conflict');
    expect(statusTitle(413)).toBe('Content Too Large');
    expect(statusTitle(422)).toBe('Unprocessable Content');
    expect(statusTitle(599)).toBe('Internal Server Error');
  });

  it('builds a problem with defaults and leaves undefined members out', () => {
    const built = problem(404, { detail: 'No such objective', errors: undefined, code: undefined });
    expect(built).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such objective' });
    expect(Object.keys(built)).not.toContain('errors');
  });

  it('keeps a given type, title, code, errors and extensions', () => {
    const built = problem(400, {
      type: ProblemTypes.validation,
      title: 'Invalid request',
      errors: [{ field: 'title', message: 'required' }],
      code: 'x.y',
      retryable: false,
    });
    expect(built).toEqual({
      type: ProblemTypes.validation,
      title: 'Invalid request',
      status: 400,
      errors: [{ field: 'title', message: 'required' }],
      code: 'x.y',
      retryable: false,
    });
  });

  it('recognises problem-shaped values', () => {
    expect(isProblemDetails(problem(409))).toBe(true);
    expect(isProblemDetails({ status: 400 })).toBe(false);
    expect(isProblemDetails('Bad Request')).toBe(false);
    expect(isProblemDetails(null)).toBe(false);
  });
});
