import { fold } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import { CreateTeam, MoveTeam, ParentTeam, RenameTeam } from './team.commands';
import { teamDecider } from './team.decider';
import { TeamCreated, TeamMoved, TeamRenamed } from './team.events';

const spec = DeciderSpecification.for(teamDecider);
const NOW = '2026-01-10T09:00:00.000Z';

const create = (name: string, parent: ParentTeam | null = null): CreateTeam => ({
  type: 'CreateTeam',
  now: NOW,
  data: { teamId: 't1', name, parent },
});
const rename = (name: string): RenameTeam => ({ type: 'RenameTeam', now: NOW, data: { teamId: 't1', name } });
const move = (parent: ParentTeam | null): MoveTeam => ({ type: 'MoveTeam', now: NOW, data: { teamId: 't1', parent } });

const createdAtRoot: TeamCreated = { type: 'TeamCreated', data: { teamId: 't1', name: 'Platform', parentTeamId: null } };
const createdUnderEng: TeamCreated = { type: 'TeamCreated', data: { teamId: 't1', name: 'Platform', parentTeamId: 'eng' } };
const eng: ParentTeam = { id: 'eng', ancestorIds: ['company'] };

describe('team decider', () => {
  describe('CreateTeam', () => {
    it('creates a root team with a trimmed name', () => {
      spec
        .given([])
        .when(create('  Platform '))
        .then([{ type: 'TeamCreated', data: { teamId: 't1', name: 'Platform', parentTeamId: null } }]);
    });

    it('creates a team under a parent', () => {
      spec
        .given([])
        .when(create('Platform', eng))
        .then([{ type: 'TeamCreated', data: { teamId: 't1', name: 'Platform', parentTeamId: 'eng' } }]);
    });

    it('refuses an empty name', () => {
      spec.given([]).when(create('')).thenThrows(InvalidInputError, { code: 'text.empty', field: 'name' });
    });

    it('refuses a name over 120 characters', () => {
      spec
        .given([])
        .when(create('n'.repeat(121)))
        .thenThrows(InvalidInputError, { code: 'text.too_long', field: 'name' });
    });

    it('refuses to create a team twice', () => {
      spec.given([createdAtRoot]).when(create('Platform')).thenThrows(RuleViolationError, { code: 'team.already_exists' });
    });
  });

  describe('RenameTeam', () => {
    it('renames and records the previous name', () => {
      spec
        .given([createdAtRoot])
        .when(rename(' Core Platform '))
        .then([{ type: 'TeamRenamed', data: { teamId: 't1', name: 'Core Platform', previousName: 'Platform' } }]);
    });

    it('does nothing when the name is the same (after trimming)', () => {
      spec.given([createdAtRoot]).when(rename('Platform')).thenNothing();
      spec.given([createdAtRoot]).when(rename('  Platform  ')).thenNothing();
    });

    it('compares with the latest name', () => {
      const renamed: TeamRenamed = { type: 'TeamRenamed', data: { teamId: 't1', name: 'Core', previousName: 'Platform' } };
      spec.given([createdAtRoot, renamed]).when(rename('Core')).thenNothing();
      spec
        .given([createdAtRoot, renamed])
        .when(rename('Platform'))
        .then([{ type: 'TeamRenamed', data: { teamId: 't1', name: 'Platform', previousName: 'Core' } }]);
    });

    it('refuses an empty name', () => {
      spec.given([createdAtRoot]).when(rename('  ')).thenThrows(InvalidInputError, { code: 'text.empty', field: 'name' });
    });

    it('refuses to rename an unknown team', () => {
      spec.given([]).when(rename('Platform')).thenThrows(NotFoundError, { code: 'team.not_found' });
    });
  });

  describe('MoveTeam', () => {
    it('moves a root team under a parent', () => {
      spec
        .given([createdAtRoot])
        .when(move(eng))
        .then([{ type: 'TeamMoved', data: { teamId: 't1', parentTeamId: 'eng', previousParentTeamId: null } }]);
    });

    it('moves a team to another parent', () => {
      spec
        .given([createdUnderEng])
        .when(move({ id: 'product', ancestorIds: ['company'] }))
        .then([{ type: 'TeamMoved', data: { teamId: 't1', parentTeamId: 'product', previousParentTeamId: 'eng' } }]);
    });

    it('moves a team to the root', () => {
      spec
        .given([createdUnderEng])
        .when(move(null))
        .then([{ type: 'TeamMoved', data: { teamId: 't1', parentTeamId: null, previousParentTeamId: 'eng' } }]);
    });

    it('refuses to move a team under itself', () => {
      spec
        .given([createdAtRoot])
        .when(move({ id: 't1', ancestorIds: [] }))
        .thenThrows(RuleViolationError, { code: 'team.hierarchy_loop', field: 'parentTeamId' });
    });

    it('refuses to move a team under its child', () => {
      spec
        .given([createdAtRoot])
        .when(move({ id: 'child', ancestorIds: ['t1'] }))
        .thenThrows(RuleViolationError, { code: 'team.hierarchy_loop', field: 'parentTeamId' });
    });

    it('refuses to move a team under a deeper descendant', () => {
      spec
        .given([createdUnderEng])
        .when(move({ id: 'grandchild', ancestorIds: ['child', 't1', 'eng', 'company'] }))
        .thenThrows(RuleViolationError, { code: 'team.hierarchy_loop', field: 'parentTeamId' });
    });

    it('does nothing when the parent is unchanged', () => {
      spec.given([createdUnderEng]).when(move(eng)).thenNothing();
      spec.given([createdAtRoot]).when(move(null)).thenNothing();
    });

    it('compares with the latest parent', () => {
      const moved: TeamMoved = { type: 'TeamMoved', data: { teamId: 't1', parentTeamId: 'product', previousParentTeamId: 'eng' } };
      spec
        .given([createdUnderEng, moved])
        .when(move({ id: 'product', ancestorIds: [] }))
        .thenNothing();
      spec
        .given([createdUnderEng, moved])
        .when(move(eng))
        .then([{ type: 'TeamMoved', data: { teamId: 't1', parentTeamId: 'eng', previousParentTeamId: 'product' } }]);
    });

    it('refuses to move an unknown team', () => {
      spec.given([]).when(move(eng)).thenThrows(NotFoundError, { code: 'team.not_found' });
    });
  });

  describe('evolve', () => {
    it('folds creation, renaming and moving', () => {
      expect(teamDecider.initialState()).toEqual({ exists: false });
      expect(
        fold(teamDecider, [
          createdAtRoot,
          { type: 'TeamRenamed', data: { teamId: 't1', name: 'Core', previousName: 'Platform' } },
          { type: 'TeamMoved', data: { teamId: 't1', parentTeamId: 'eng', previousParentTeamId: null } },
        ]),
      ).toEqual({ exists: true, id: 't1', name: 'Core', parentTeamId: 'eng' });
    });

    it('ignores changes to a team that does not exist', () => {
      expect(fold(teamDecider, [{ type: 'TeamRenamed', data: { teamId: 't1', name: 'Core', previousName: 'Platform' } }])).toEqual({
        exists: false,
      });
      expect(fold(teamDecider, [{ type: 'TeamMoved', data: { teamId: 't1', parentTeamId: 'eng', previousParentTeamId: null } }])).toEqual({
        exists: false,
      });
    });
  });
});
