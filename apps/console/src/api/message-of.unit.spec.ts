import { messageOf } from './message-of';

describe('messageOf', () => {
  it("takes the contract's message", () => {
    expect(messageOf({ message: 'limit must be an integer from 1 to 200' }, 400)).toBe(
      'limit must be an integer from 1 to 200',
    );
  });

  it('joins a list of messages', () => {
    expect(messageOf({ message: ['a', 'b'] }, 400)).toBe('a; b');
  });

  it('quotes a plain-text body and names the status for anything else', () => {
    expect(messageOf('Bad Gateway', 502)).toBe('HTTP 502: Bad Gateway');
    expect(messageOf('<html>proxy error</html>', 502)).toBe('The gateway answered HTTP 502');
    expect(messageOf(null, 500)).toBe('The gateway answered HTTP 500');
  });
});
