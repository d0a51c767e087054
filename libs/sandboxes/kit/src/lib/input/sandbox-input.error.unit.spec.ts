import { z } from 'zod';
import { clientErrorStatus } from '../http/client-error-status';
import { describeIssues, parseInput, SandboxInputError } from './sandbox-input.error';

const customer = z.strictObject({
  name: z.string(),
  address: z.object({ country: z.string().length(2) }).optional(),
});

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(customer, { name: 'Amelia' }, 'customer')).toEqual({ name: 'Amelia' });
  });

  it('throws a 400 SandboxInputError naming the input and each issue’s path', () => {
    const error = thrownBy(() =>
      parseInput(customer, { name: 7, address: { country: 'GBR' } }, 'customer'),
    );

    expect(error).toBeInstanceOf(SandboxInputError);
    expect(error).toMatchObject({
      status: 400,
      name: 'SandboxInputError',
      message:
        'invalid customer: name: Invalid input: expected string, received number; address.country: Too big: expected string to have exactly 2 characters',
    });
  });

  it('calls an issue about the value itself (root)', () => {
    expect(thrownBy(() => parseInput(customer, [], 'customer'))).toMatchObject({
      message: 'invalid customer: (root): Invalid input: expected object, received array',
    });
  });
});

describe('describeIssues', () => {
  it('names the value itself with the given root label', () => {
    const result = customer.safeParse({ name: 'A', extra: true });

    expect(result.success ? null : describeIssues(result.error, '(body)')).toBe(
      '(body): Unrecognized key: "extra"',
    );
  });
});

describe('SandboxInputError', () => {
  it('is a 400 unless said otherwise', () => {
    expect(new SandboxInputError('bad').status).toBe(400);
    expect(new SandboxInputError('missing', 404).status).toBe(404);
  });
});

describe('clientErrorStatus', () => {
  it('keeps a 4xx status an error carries, and nothing else', () => {
    expect(
      [
        { status: 400 },
        { status: 413 },
        { status: 500 },
        { status: '400' },
        new Error('x'),
        'x',
      ].map(clientErrorStatus),
    ).toEqual([400, 413, undefined, undefined, undefined, undefined]);
  });
});
