import { randomUUID } from 'node:crypto';

/** The source of new ids (streams, events, commands). Injected so that tests can make them predictable. */
export interface IdGenerator {
  next(): string;
}

export const ID_GENERATOR = Symbol('ID_GENERATOR');

export class RandomIdGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}
