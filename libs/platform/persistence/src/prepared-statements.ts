import { createHash } from 'node:crypto';
import pg from 'pg';

/** Named statements one connection keeps at most; past that, new texts are sent unnamed. */
export const MAX_PREPARED_PER_CONNECTION = 200;
/** Statement texts the process names at most (SQL built at run time could vary without end). */
export const MAX_NAMED_TEXTS = 2_000;

/**
 * The `pg` module as TypeORM's driver, except that every connection prepares a parameterised
 * statement the first time it runs it and afterwards sends only the parameters (a named
 * statement, in PostgreSQL's extended protocol). PostgreSQL then parses and analyses each
 * statement once per connection instead of at every call, and the service stops sending the
 * same SQL text thousands of times a minute. Statements without parameters (`BEGIN`, `COMMIT`)
 * are sent as before.
 *
 * A statement's name comes from its text, so one text has one name in every connection and two
 * texts never share one. Prepared statements live in a server session; behind a pooler that
 * hands one session to many clients (PgBouncer in transaction mode before 1.21) they fail, so
 * `DATABASE_PREPARED_STATEMENTS=false` turns this off.
 */
export function preparingPgDriver(): typeof pg {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= MAX_NAMED_TEXTS) return known;
    const name = `subsync_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
    return name;
  };

  class PreparingClient extends pg.Client {
    /** The names this connection has used: the server holds a statement for each. */
    private readonly preparedHere = new Set<string>();

    // pg's query() has a dozen overloads (config object or text, values, callback); this takes
    // them all, names the (text, values) form, and hands every call to pg as it came otherwise.
    override query(...args: unknown[]): never {
      const [text, values, callback] = args;
      if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
        const name = nameOf(text);
        if (
          name !== undefined &&
          (this.preparedHere.has(name) || this.preparedHere.size < MAX_PREPARED_PER_CONNECTION)
        ) {
          this.preparedHere.add(name);
          return (super.query as (...rest: unknown[]) => never)({ name, text, values }, callback);
        }
      }
      return (super.query as (...rest: unknown[]) => never)(...args);
    }
  }

  class PreparingPool extends pg.Pool {
    constructor(config?: pg.PoolConfig) {
      super({ ...config, Client: PreparingClient });
    }
  }

  // Everything else (types, defaults) is pg's own: TypeORM reads `defaults` and `types`.
  return Object.create(pg, { Pool: { value: PreparingPool, enumerable: true } }) as typeof pg;
}
