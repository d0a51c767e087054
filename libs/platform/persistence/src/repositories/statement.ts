/** A statement and its parameters, built before it is run (see `WritePipeline`). */
export interface Statement {
  sql: string;
  parameters: unknown[];
}
