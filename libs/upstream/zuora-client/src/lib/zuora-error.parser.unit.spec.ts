import { errorFromResponse, retryAfterMs, type ZuoraHttpResponse } from './zuora-error.parser';

const response = (
  status: number,
  json: unknown,
  headers: Record<string, string> = {},
): ZuoraHttpResponse => ({
  status,
  headers: new Headers(headers),
  text: json === undefined ? '' : JSON.stringify(json),
  json,
});

describe('errorFromResponse', () => {
  it('passes successes through', () => {
    expect(errorFromResponse('GET /v1/x', response(200, { success: true, id: '1' }))).toBeNull();
    expect(errorFromResponse('GET /object-query/accounts', response(200, { data: [] }))).toBeNull();
  });

  it('reads the v1 envelope in both styles alike', () => {
    const body = {
      success: false,
      processId: 'ABC',
      reasons: [
        { code: 53100320, message: "'termType' value should be one of: TERMED, EVERGREEN" },
      ],
    };
    for (const status of [200, 400]) {
      const error = errorFromResponse(
        'POST /v1/subscriptions',
        response(status, body, { 'Zuora-Request-Id': 'req-1' }),
      );
      expect(error).toMatchObject({
        code: 'INVALID_REQUEST',
        retryable: false,
        zuoraCode: 53100320,
        requestId: 'req-1',
      });
      expect(error?.message).toBe(
        `Zuora POST /v1/subscriptions failed: 'termType' value should be one of: TERMED, EVERGREEN (HTTP ${status}, Zuora code 53100320, request req-1)`,
      );
    }
  });

  it('classifies by category: locking contention and temporary errors are retryable', () => {
    expect(
      errorFromResponse(
        'x',
        response(200, { success: false, reasons: [{ code: '50000050', message: 'locked' }] }),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      retryable: true,
      zuoraCode: 50000050,
    });
    expect(
      errorFromResponse(
        'x',
        response(200, { success: false, reasons: [{ code: 50000099, message: 'gateway' }] }),
      ),
    ).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: true,
    });
    expect(
      errorFromResponse(
        'x',
        response(403, { success: false, reasons: [{ code: 50000010, message: 'no' }] }),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      retryable: false,
    });
  });

  it('reads the CRUD envelope { Success, Errors }', () => {
    const error = errorFromResponse(
      'POST /v1/action/create',
      response(200, { Success: false, Errors: [{ Code: 'INVALID_VALUE', Message: 'bad date' }] }),
    );
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      zuoraCode: null,
      reasons: [{ code: 'INVALID_VALUE', message: 'bad date' }],
    });
    expect(error?.message).toContain('bad date');
  });

  it('reads the ZOQL envelope { FaultCode, FaultMessage }', () => {
    const error = errorFromResponse(
      'POST /v1/action/query',
      response(200, {
        FaultCode: 'MALFORMED_QUERY',
        FaultMessage: 'You have an error in your ZOQL syntax',
      }),
    );
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      reasons: [{ code: 'MALFORMED_QUERY', message: 'You have an error in your ZOQL syntax' }],
    });
  });

  it('reads the simple { code, message } form and the Object Query { reasons, requestId } form', () => {
    expect(
      errorFromResponse('x', response(404, { code: 'NOT_FOUND', message: 'no such thing' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no such thing'),
    });
    expect(
      errorFromResponse(
        'x',
        response(500, { reasons: [{ code: 50000060, message: 'internal' }], requestId: 'r' }),
      ),
    ).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: true,
      zuoraCode: 50000060,
    });
  });

  it('reads OAuth errors and non-JSON proxy pages', () => {
    expect(
      errorFromResponse(
        'POST /oauth/token',
        response(401, {
          error: 'invalid_client',
          error_description: 'Invalid client credentials.',
        }),
      ),
    ).toMatchObject({
      code: 'UNAUTHORIZED',
      retryable: false,
    });
    const html = {
      status: 503,
      headers: new Headers(),
      text: '<html><title>503 Service Unavailable</title></html>',
      json: undefined,
    };
    const error = errorFromResponse('GET /v1/x', html);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true, httpStatus: 503 });
    expect(error?.message).toContain('503 Service Unavailable');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'Retry-After': '2' }))).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'Retry-After': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now)).toBe(
      5000,
    );
    expect(retryAfterMs(new Headers())).toBeNull();
  });
});
