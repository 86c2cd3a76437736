import { schemaVersionOf, upcastData } from '@okr/domain';
import { StoredEvent } from '@okr/event-store';

export { schemaVersionOf };

/** The stored event's type and data in the current shape of its type. */
export function upcast(event: StoredEvent): { type: string; data: unknown } {
  return { type: event.type, data: upcastData(event) };
}
