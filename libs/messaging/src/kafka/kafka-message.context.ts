import { BaseRpcContext } from '@nestjs/microservices';

export interface KafkaMessageMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  /** Tells the group coordinator this consumer is alive during long work. */
  heartbeat: () => Promise<void>;
}

/** What an `@EventPattern` handler can learn about the message it is handling (`@Ctx()`). */
export class KafkaMessageContext extends BaseRpcContext<[KafkaMessageMeta]> {
  constructor(meta: KafkaMessageMeta) {
    super([meta]);
  }

  get meta(): KafkaMessageMeta {
    return this.args[0];
  }
}
