import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { findUnsafeInput, InputBoundaryMiddleware, MAX_INPUT_DEPTH } from './input-boundary';

describe('findUnsafeInput', () => {
  it('passes ordinary text, numbers, booleans and nulls, and paired surrogates', () => {
    expect(
      findUnsafeInput({ a: 'A-S00000271', b: [1, true, null, 'emoji 😀'], ключ: 'ü' }, 'the body'),
    ).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['a NUL byte in a value', { idToken: 'abc\u0000' }, 'the body.idToken holds a NUL byte'],
    ['a NUL byte in a key', { ['a\u0000']: 1 }, 'a field name in the body holds a NUL byte'],
    ['a lone high surrogate', ['x\uD800'], 'the body.0 holds an unpaired UTF-16 surrogate'],
    ['a lone low surrogate', { a: { b: '\uDC00y' } }, 'the body.a.b holds an unpaired'],
    ['surrogates in the wrong order', '\uDE00\uD83D', 'the body holds an unpaired'],
  ])('names %s', (_case, value, problem) => {
    expect(findUnsafeInput(value, 'the body')).toContain(problem);
  });

  it('refuses a body nested deeper than the limit, without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(findUnsafeInput(deep, 'the body')).toMatch(/nests deeper than 32 levels/);
    let limit: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) limit = [limit];
    expect(findUnsafeInput(limit, 'the body')).toBeNull();
  });
});

describe('InputBoundaryMiddleware', () => {
  const boundary = new InputBoundaryMiddleware();
  // Mounted on every path, the middleware sees `path` as '/'; the whole path is in originalUrl.
  const request = (path: string, query: Record<string, unknown> = {}, body?: unknown) =>
    ({ path: '/', originalUrl: `${path}?x=1`, query, body }) as unknown as Request;

  /** The message of the 400 the boundary answers, or 'next' when the request goes on. */
  function outcome(req: Request): string {
    let passed = false;
    try {
      boundary.use(req, {} as Response, () => {
        passed = true;
      });
    } catch (error) {
      if (error instanceof BadRequestException) return error.message;
      throw error;
    }
    return passed ? 'next' : 'stopped';
  }

  it('lets a clean request through', () => {
    expect(outcome(request('/api/events', { status: 'failed', limit: '20' }, { a: 'b' }))).toBe(
      'next',
    );
  });

  it.each<[string, Request, RegExp]>([
    ['a NUL byte in a path id', request('/api/subscriptions/sub-1%00'), /the path holds a NUL/],
    [
      'an unpaired surrogate in a path id',
      request('/api/events/%ED%A0%80'),
      /percent-encoded UTF-8/,
    ],
    ['a bad percent-encoding', request('/api/events/%E0%A4%A'), /percent-encoded UTF-8/],
    [
      'a repeated query parameter',
      request('/api/subscriptions', { search: ['a', 'b'] }),
      /query parameter search must be given once/,
    ],
    [
      'a NUL byte in a query value',
      request('/api/events', { type: 'sync\u0000' }),
      /query parameter type holds a NUL/,
    ],
    [
      'an unpaired surrogate in a query value',
      request('/api/subscriptions', { search: '\uD800' }),
      /query parameter search holds an unpaired/,
    ],
    [
      'a NUL byte in a body field',
      request('/api/settings/zuora', {}, { hotSyncEnabled: true, note: '\u0000' }),
      /the body\.note holds a NUL/,
    ],
    [
      'a NUL byte in an XML body',
      request('/api/plugins/zuora/sync/subscription/A-S1', {}, '<callout>\u0000</callout>'),
      /the body holds a NUL/,
    ],
  ])('answers 400 to %s', (_case, req, message) => {
    expect(outcome(req)).toMatch(message);
  });
});
