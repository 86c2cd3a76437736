import { EVENT_TYPE, STREAM_NAME } from '@eventstore/db-client';
import { applicationStreamsFilter, isApplicationEvent, isSystemEventType } from './all-filter';
import { StreamNaming } from './stream-naming';

describe('$all filter', () => {
  const naming = new StreamNaming('okr');

  it("asks the server for the streams whose name starts with '<prefix>.'", () => {
    const filter = applicationStreamsFilter(naming);
    expect(filter.filterOn).toBe(STREAM_NAME);
    expect(filter).toMatchObject({ prefixes: ['okr.'] });
    expect(filter.filterOn).not.toBe(EVENT_TYPE);
    expect(filter.checkpointInterval).toBeGreaterThan(0);
    expect(applicationStreamsFilter(new StreamNaming('okr_staging'))).toMatchObject({ prefixes: ['okr_staging.'] });
  });

  it('the server-side prefix can never select a system stream', () => {
    const [prefix] = (applicationStreamsFilter(naming) as { prefixes: string[] }).prefixes;
    for (const system of ['$ce-okr.objective', '$$okr.objective-1', '$et-ObjectiveCreated', '$stats-127.0.0.1:2113', '$projections-$all']) {
      expect(system.startsWith(prefix)).toBe(false);
    }
  });

  it('keeps, on the client, the events of this application that are not system events', () => {
    expect(isApplicationEvent(naming, 'okr.objective-1', 'ObjectiveCreated')).toBe(true);
    expect(isApplicationEvent(naming, 'okr.objective-1', '$streamDeleted')).toBe(false);
    expect(isApplicationEvent(naming, '$ce-okr.objective', '$>')).toBe(false);
    expect(isApplicationEvent(naming, '$$okr.objective-1', '$metadata')).toBe(false);
    expect(isApplicationEvent(naming, 'billing-1', 'InvoiceSent')).toBe(false);
    expect(isApplicationEvent(naming, 'okr_staging.objective-1', 'ObjectiveCreated')).toBe(false);
  });

  it("calls event types starting with '$' system events", () => {
    expect(isSystemEventType('$>')).toBe(true);
    expect(isSystemEventType('$metadata')).toBe(true);
    expect(isSystemEventType('ObjectiveCreated')).toBe(false);
    expect(isSystemEventType('Price$Changed')).toBe(false);
  });
});
