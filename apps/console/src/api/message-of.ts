/** The words of an error answer: the contract's `{message}`, else something a person can act on. */
export function messageOf(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const { message } = body;
    if (typeof message === 'string' && message !== '') return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
  }
  if (typeof body === 'string' && body.trim() !== '' && !body.trimStart().startsWith('<')) {
    return `HTTP ${status}: ${body.trim().slice(0, 200)}`;
  }
  return `The gateway answered HTTP ${status}`;
}
