import { FaultQueue, type FaultMatch } from './fault-queue';

type TestFault = FaultMatch & { type: 'boom' | 'slow'; note?: string };

describe('FaultQueue', () => {
  it('numbers faults and answers `count` requests each (default 1)', () => {
    const queue = new FaultQueue<TestFault>();
    expect(queue.inject({ type: 'boom', count: 2, note: 'twice' })).toEqual({
      type: 'boom',
      count: 2,
      note: 'twice',
      id: 1,
      remaining: 2,
    });
    expect(queue.inject({ type: 'slow' })).toEqual({ type: 'slow', id: 2, remaining: 1 });

    expect(queue.take('GET', '/v1/a')).toMatchObject({ id: 1, remaining: 1 });
    expect(queue.take('GET', '/v1/a')).toMatchObject({ id: 1, remaining: 0 });
    expect(queue.take('GET', '/v1/a')).toMatchObject({ id: 2, remaining: 0 });
    expect(queue.take('GET', '/v1/a')).toBeUndefined();
    expect(queue.list()).toEqual([]);
  });

  it('matches by path prefix and by method in any case, first queued first', () => {
    const queue = new FaultQueue<TestFault>();
    queue.inject({ type: 'boom', pathPrefix: '/v1/invoices', note: 'invoices' });
    queue.inject({ type: 'boom', method: 'post', note: 'posts' });
    queue.inject({ type: 'boom', note: 'anything' });

    expect(queue.take('GET', '/v1/invoices/in_1')?.note).toBe('invoices');
    expect(queue.take('POST', '/v1/customers')?.note).toBe('posts');
    expect(queue.take('GET', '/v1/customers')?.note).toBe('anything');
  });

  it('leaves alone a request that no fault matches', () => {
    const queue = new FaultQueue<TestFault>();
    queue.inject({ type: 'boom', pathPrefix: '/v1/invoices', method: 'GET' });

    expect(queue.take('POST', '/v1/invoices')).toBeUndefined();
    expect(queue.take('GET', '/v1/customers')).toBeUndefined();
    expect(queue.list()).toEqual([
      { type: 'boom', pathPrefix: '/v1/invoices', method: 'GET', id: 1, remaining: 1 },
    ]);
  });

  it('applies the default scope only to faults without a path prefix', () => {
    const queue = new FaultQueue<TestFault>((path) => path.startsWith('/v1/'));
    queue.inject({ type: 'boom', note: 'scoped' });
    queue.inject({ type: 'boom', pathPrefix: '/health', note: 'explicit' });

    expect(queue.take('GET', '/health')?.note).toBe('explicit');
    expect(queue.take('GET', '/sandbox/faults')).toBeUndefined();
    expect(queue.take('GET', '/v1/subscriptions')?.note).toBe('scoped');
  });

  it('hands out copies, so callers cannot change what is queued', () => {
    const queue = new FaultQueue<TestFault>();
    const injected = queue.inject({ type: 'boom', count: 3 });
    injected.remaining = 0;
    const [listed] = queue.list();
    if (listed) listed.remaining = 0;

    expect(queue.list()).toEqual([{ type: 'boom', count: 3, id: 1, remaining: 3 }]);
  });

  it('clears every queued fault, and keeps numbering after a clear', () => {
    const queue = new FaultQueue<TestFault>();
    queue.inject({ type: 'boom' });
    queue.inject({ type: 'slow' });
    queue.clear();

    expect(queue.list()).toEqual([]);
    expect(queue.take('GET', '/v1/a')).toBeUndefined();
    expect(queue.inject({ type: 'boom' }).id).toBe(3);
  });
});
