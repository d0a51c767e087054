import { PriorityWaiters, type WaitPriority } from './priority-waiters';

describe('PriorityWaiters', () => {
  it.each<[string, [string, WaitPriority][], string[]]>([
    [
      'first in, first out within a rank',
      [
        ['a', {}],
        ['b', {}],
        ['c', {}],
      ],
      ['a', 'b', 'c'],
    ],
    [
      'a later call of work under way before first calls',
      [
        ['first', {}],
        ['later', { urgent: true }],
      ],
      ['later', 'first'],
    ],
    [
      'any live call before any background call',
      [
        ['bf-later', { background: true, urgent: true }],
        ['bf-first', { background: true }],
        ['live-first', {}],
        ['live-later', { urgent: true }],
      ],
      ['live-later', 'live-first', 'bf-later', 'bf-first'],
    ],
  ])('%s', (_, pushed, expected) => {
    const waiters = new PriorityWaiters<string>();
    for (const [name, priority] of pushed) waiters.push(name, priority);
    expect(waiters.size).toBe(pushed.length);
    const order: string[] = [];
    for (let next = waiters.shift(); next !== undefined; next = waiters.shift()) order.push(next);
    expect(order).toEqual(expected);
    expect(waiters.size).toBe(0);
  });

  it('takes out a waiter that gave up, wherever it waits', () => {
    const waiters = new PriorityWaiters<string>();
    waiters.push('live');
    waiters.push('bf', { background: true });
    expect(waiters.remove('bf')).toBe(true);
    expect(waiters.remove('bf')).toBe(false);
    expect(waiters.size).toBe(1);
    expect(waiters.shift()).toBe('live');
    expect(waiters.shift()).toBeUndefined();
  });
});
