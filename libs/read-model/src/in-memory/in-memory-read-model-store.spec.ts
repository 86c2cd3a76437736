import { readModelContract } from '../testing/read-model.contract';
import { InMemoryReadModelStore } from './in-memory-read-model-store';

readModelContract('InMemoryReadModelStore', () => new InMemoryReadModelStore());
