import { fold } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import { CreateInitiative, LinkableKeyResult, UpdateInitiative } from './initiative.commands';
import { initiativeDecider } from './initiative.decider';
import { InitiativeCreated, InitiativeEvent, InitiativeStatus } from './initiative.events';

const spec = DeciderSpecification.for(initiativeDecider);
const NOW = '2026-02-15T12:00:00.000Z';

const live = (id: string): LinkableKeyResult => ({ id, removed: false });
const gone = (id: string): LinkableKeyResult => ({ id, removed: true });

const create = (data: Partial<CreateInitiative['data']> = {}): CreateInitiative => ({
  type: 'CreateInitiative',
  now: NOW,
  data: { initiativeId: 'i1', title: 'Run a survey', keyResults: [], ...data },
});
const update = (data: Omit<UpdateInitiative['data'], 'initiativeId'>): UpdateInitiative => ({
  type: 'UpdateInitiative',
  now: NOW,
  data: { initiativeId: 'i1', ...data },
});

/** Linked to kr1 and kr2, owned by u1, planned. */
const created: InitiativeCreated = {
  type: 'InitiativeCreated',
  data: { initiativeId: 'i1', title: 'Run a survey', ownerId: 'u1', keyResultIds: ['kr1', 'kr2'], status: 'planned' },
};

describe('initiative decider', () => {
  describe('CreateInitiative', () => {
    it('creates a planned initiative with a trimmed title and no owner by default', () => {
      spec
        .given([])
        .when(create({ title: '  Run a survey ', keyResults: [live('kr1')] }))
        .then([
          {
            type: 'InitiativeCreated',
            data: { initiativeId: 'i1', title: 'Run a survey', ownerId: null, keyResultIds: ['kr1'], status: 'planned' },
          },
        ]);
    });

    it('records the owner and an empty set of key results', () => {
      spec
        .given([])
        .when(create({ ownerId: 'u1' }))
        .then([
          {
            type: 'InitiativeCreated',
            data: { initiativeId: 'i1', title: 'Run a survey', ownerId: 'u1', keyResultIds: [], status: 'planned' },
          },
        ]);
    });

    it('collapses duplicate key results, keeping the first order', () => {
      spec
        .given([])
        .when(create({ keyResults: [live('kr2'), live('kr1'), live('kr2'), live('kr1')] }))
        .then([
          {
            type: 'InitiativeCreated',
            data: { initiativeId: 'i1', title: 'Run a survey', ownerId: null, keyResultIds: ['kr2', 'kr1'], status: 'planned' },
          },
        ]);
    });

    it('refuses a removed key result, naming its index', () => {
      spec
        .given([])
        .when(create({ keyResults: [live('kr1'), live('kr2'), gone('kr3')] }))
        .thenThrows(RuleViolationError, { code: 'key_result.removed', field: 'keyResultIds.2' });
      spec
        .given([])
        .when(create({ keyResults: [gone('kr3')] }))
        .thenThrows(RuleViolationError, { code: 'key_result.removed', field: 'keyResultIds.0' });
    });

    it('refuses an empty title', () => {
      spec
        .given([])
        .when(create({ title: ' ' }))
        .thenThrows(InvalidInputError, { code: 'text.empty', field: 'title' });
    });

    it('refuses to create an initiative twice', () => {
      spec.given([created]).when(create()).thenThrows(RuleViolationError, { code: 'initiative.already_exists' });
    });
  });

  describe('UpdateInitiative', () => {
    it('edits the title and owner, recording the previous values', () => {
      spec
        .given([created])
        .when(update({ title: ' Run two surveys ', ownerId: null }))
        .then([
          {
            type: 'InitiativeEdited',
            data: {
              initiativeId: 'i1',
              changes: { title: 'Run two surveys', ownerId: null },
              previous: { title: 'Run a survey', ownerId: 'u1' },
            },
          },
        ]);
    });

    it('leaves unchanged fields out of the edit', () => {
      spec
        .given([created])
        .when(update({ title: 'Run a survey', ownerId: 'u2' }))
        .then([{ type: 'InitiativeEdited', data: { initiativeId: 'i1', changes: { ownerId: 'u2' }, previous: { ownerId: 'u1' } } }]);
    });

    it('changes the status', () => {
      spec
        .given([created])
        .when(update({ status: 'in_progress' }))
        .then([{ type: 'InitiativeStatusChanged', data: { initiativeId: 'i1', status: 'in_progress', previousStatus: 'planned' } }]);
    });

    it('refuses an unknown status', () => {
      spec
        .given([created])
        .when(update({ status: 'blocked' as InitiativeStatus }))
        .thenThrows(InvalidInputError, { code: 'initiative.status', field: 'status' });
    });

    it('derives links and unlinks from the full set of key results', () => {
      spec
        .given([created])
        .when(update({ keyResults: [live('kr2'), live('kr3'), live('kr4'), live('kr3')] }))
        .then([
          { type: 'InitiativeKeyResultLinked', data: { initiativeId: 'i1', keyResultId: 'kr3' } },
          { type: 'InitiativeKeyResultLinked', data: { initiativeId: 'i1', keyResultId: 'kr4' } },
          { type: 'InitiativeKeyResultUnlinked', data: { initiativeId: 'i1', keyResultId: 'kr1' } },
        ]);
    });

    it('unlinks everything for an empty set', () => {
      spec
        .given([created])
        .when(update({ keyResults: [] }))
        .then([
          { type: 'InitiativeKeyResultUnlinked', data: { initiativeId: 'i1', keyResultId: 'kr1' } },
          { type: 'InitiativeKeyResultUnlinked', data: { initiativeId: 'i1', keyResultId: 'kr2' } },
        ]);
    });

    it('keeps an already linked key result that was removed since, but refuses to link a removed one', () => {
      spec
        .given([created])
        .when(update({ keyResults: [gone('kr1'), live('kr2')] }))
        .thenNothing();
      spec
        .given([created])
        .when(update({ keyResults: [live('kr1'), live('kr2'), gone('kr5')] }))
        .thenThrows(RuleViolationError, { code: 'key_result.removed', field: 'keyResultIds.2' });
    });

    it('emits edit, links, unlinks and status change in that order', () => {
      spec
        .given([created])
        .when(update({ title: 'Survey', ownerId: 'u2', status: 'done', keyResults: [live('kr1'), live('kr9')] }))
        .then([
          {
            type: 'InitiativeEdited',
            data: { initiativeId: 'i1', changes: { title: 'Survey', ownerId: 'u2' }, previous: { title: 'Run a survey', ownerId: 'u1' } },
          },
          { type: 'InitiativeKeyResultLinked', data: { initiativeId: 'i1', keyResultId: 'kr9' } },
          { type: 'InitiativeKeyResultUnlinked', data: { initiativeId: 'i1', keyResultId: 'kr2' } },
          { type: 'InitiativeStatusChanged', data: { initiativeId: 'i1', status: 'done', previousStatus: 'planned' } },
        ]);
    });

    it('does nothing when nothing changes', () => {
      spec
        .given([created])
        .when(update({ title: ' Run a survey ', ownerId: 'u1', status: 'planned', keyResults: [live('kr2'), live('kr1'), live('kr1')] }))
        .thenNothing();
      spec.given([created]).when(update({})).thenNothing();
    });

    it('compares with the state after earlier updates', () => {
      const history: InitiativeEvent[] = [
        created,
        { type: 'InitiativeKeyResultLinked', data: { initiativeId: 'i1', keyResultId: 'kr3' } },
        { type: 'InitiativeKeyResultUnlinked', data: { initiativeId: 'i1', keyResultId: 'kr1' } },
        { type: 'InitiativeStatusChanged', data: { initiativeId: 'i1', status: 'in_progress', previousStatus: 'planned' } },
        { type: 'InitiativeEdited', data: { initiativeId: 'i1', changes: { ownerId: null }, previous: { ownerId: 'u1' } } },
      ];
      spec
        .given(history)
        .when(update({ ownerId: null, status: 'in_progress', keyResults: [live('kr2'), live('kr3')] }))
        .thenNothing();
      spec
        .given(history)
        .when(update({ status: 'dropped' }))
        .then([{ type: 'InitiativeStatusChanged', data: { initiativeId: 'i1', status: 'dropped', previousStatus: 'in_progress' } }]);
    });

    it('refuses an empty title', () => {
      spec
        .given([created])
        .when(update({ title: '' }))
        .thenThrows(InvalidInputError, { code: 'text.empty', field: 'title' });
    });

    it('refuses an unknown initiative', () => {
      spec
        .given([])
        .when(update({ title: 'x' }))
        .thenThrows(NotFoundError, { code: 'initiative.not_found' });
    });
  });

  describe('evolve', () => {
    it('folds the life of an initiative', () => {
      expect(initiativeDecider.initialState()).toEqual({ exists: false });
      expect(
        fold(initiativeDecider, [
          created,
          { type: 'InitiativeEdited', data: { initiativeId: 'i1', changes: { title: 'Survey' }, previous: { title: 'Run a survey' } } },
          { type: 'InitiativeKeyResultLinked', data: { initiativeId: 'i1', keyResultId: 'kr3' } },
          { type: 'InitiativeKeyResultUnlinked', data: { initiativeId: 'i1', keyResultId: 'kr1' } },
          { type: 'InitiativeStatusChanged', data: { initiativeId: 'i1', status: 'done', previousStatus: 'planned' } },
        ]),
      ).toEqual({ exists: true, id: 'i1', title: 'Survey', ownerId: 'u1', status: 'done', keyResultIds: ['kr2', 'kr3'] });
    });

    it('does not share the key result list with the event', () => {
      const state = fold(initiativeDecider, [created]);
      expect(state.exists && state.keyResultIds).not.toBe(created.data.keyResultIds);
    });

    it('ignores events before the creation', () => {
      expect(fold(initiativeDecider, [{ type: 'InitiativeKeyResultLinked', data: { initiativeId: 'i1', keyResultId: 'kr3' } }])).toEqual({
        exists: false,
      });
    });
  });
});
