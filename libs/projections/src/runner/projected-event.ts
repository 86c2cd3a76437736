import { upcastData } from '@okr/domain';
import { StoredEvent } from '@okr/event-store';
import { ProjectedEvent } from '../projection';

export function toProjectedEvent(event: StoredEvent): ProjectedEvent {
  return {
    type: event.type,
    data: upcastData(event),
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    metadata: event.metadata as ProjectedEvent['metadata'],
  };
}
