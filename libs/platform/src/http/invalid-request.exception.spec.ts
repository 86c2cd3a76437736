import { HttpException } from '@nestjs/common';
import { InvalidRequestException } from './invalid-request.exception';
import { ProblemTypes } from './problem-details';

describe('InvalidRequestException', () => {
  it('is a 400 HttpException carrying the field errors', () => {
    const errors = [{ field: 'metric.target', message: 'target must be a finite number' }];
    const exception = new InvalidRequestException(errors);
    expect(exception).toBeInstanceOf(HttpException);
    expect(exception.getStatus()).toBe(400);
    expect(exception.errors).toEqual(errors);
    expect(exception.getResponse()).toEqual({
      type: ProblemTypes.validation,
      title: 'Invalid request',
      status: 400,
      detail: 'metric.target: target must be a finite number',
      errors,
    });
  });

  it('summarises several errors by field, and accepts an explicit detail', () => {
    const several = new InvalidRequestException([
      { field: 'a', message: 'x' },
      { field: 'b', message: 'y' },
      { field: 'b', message: 'z' },
    ]);
    expect(several.message).toBe('3 errors, in: a, b');
    expect(new InvalidRequestException([], 'Nothing to update').message).toBe('Nothing to update');
    expect(new InvalidRequestException([]).message).toBe('The request is invalid.');
  });
});
