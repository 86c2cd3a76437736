import { Decider } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { NAME_MAX, requiredText } from '../common/text';
import { toMillis } from '../common/time';
import { OtherAdmins, UserCommand } from './identity.commands';
import { SessionEndReason, USER_ROLES, UserEvent, UserRole, UserSessionEnded } from './identity.events';

/** How long a browser session lasts from its sign-in (no sliding renewal): 12 hours, a working day with margin. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export type UserState =
  | { exists: false }
  | {
      exists: true;
      id: string;
      tenantId: string;
      name: string;
      role: UserRole;
      teamIds: readonly string[];
      /** null: revoked (no token works). */
      tokenHash: string | null;
      /** Sessions started and not ended, by hash: when each expires (those expired before the latest sign-in are dropped). */
      sessions: Readonly<Record<string, string>>;
    };
type ExistingUser = Extract<UserState, { exists: true }>;

function existing(state: UserState, userId: string): ExistingUser {
  if (!state.exists) throw new NotFoundError('user.not_found', `User ${userId} not found`);
  return state;
}

function checkedRole(role: UserRole): UserRole {
  if (!USER_ROLES.includes(role)) throw new InvalidInputError('user.role', `role must be one of ${USER_ROLES.join(', ')}`, 'role');
  return role;
}

/** A tenant keeps at least one admin who can sign in: the last one may neither lose the role nor the token. */
function keepAnAdmin(user: ExistingUser, facts: OtherAdmins, field: string | undefined, what: string): void {
  if (user.role === 'admin' && user.tokenHash !== null && facts.otherAdmins === 0) {
    throw new RuleViolationError(
      'user.last_admin',
      `${user.name} is the last admin of the tenant who can sign in: make another user admin before you ${what}`,
      field,
    );
  }
}

/** The sessions still running at `now`, ended for `reason`. */
function endSessions(user: ExistingUser, now: string, reason: SessionEndReason): UserSessionEnded[] {
  const at = toMillis(now, 'now');
  return Object.entries(user.sessions)
    .filter(([, expiresAt]) => Date.parse(expiresAt) > at)
    .map(([sessionHash]) => ({ type: 'UserSessionEnded', data: { userId: user.id, sessionHash, reason } }));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: () => ({ exists: false }),
  decide(command, state) {
    switch (command.type) {
      case 'CreateUser': {
        const d = command.data;
        if (state.exists) throw new RuleViolationError('user.already_exists', `User ${d.userId} already exists`);
        return [
          {
            type: 'UserCreated',
            data: {
              userId: d.userId,
              tenantId: d.tenantId,
              name: requiredText(d.name, 'name', NAME_MAX),
              role: checkedRole(d.role),
              tokenHash: d.tokenHash,
            },
          },
        ];
      }
      case 'RenameUser': {
        const user = existing(state, command.data.userId);
        const name = requiredText(command.data.name, 'name', NAME_MAX);
        if (name === user.name) return [];
        return [{ type: 'UserRenamed', data: { userId: user.id, name, previousName: user.name } }];
      }
      case 'ChangeUserRole': {
        const user = existing(state, command.data.userId);
        const role = checkedRole(command.data.role);
        if (role === user.role) return [];
        if (role !== 'admin') keepAnAdmin(user, command.context, 'role', `make them ${role}`);
        return [{ type: 'UserRoleChanged', data: { userId: user.id, role, previousRole: user.role } }];
      }
      case 'SetUserTeams': {
        const user = existing(state, command.data.userId);
        const teamIds = [...new Set(command.data.teamIds)];
        if (sameSet(teamIds, user.teamIds)) return [];
        return [{ type: 'UserTeamsChanged', data: { userId: user.id, teamIds, previousTeamIds: [...user.teamIds] } }];
      }
      case 'ReplaceUserToken': {
        const user = existing(state, command.data.userId);
        if (user.tokenHash === command.data.tokenHash) return [];
        return [
          { type: 'UserTokenReplaced', data: { userId: user.id, tokenHash: command.data.tokenHash } },
          ...endSessions(user, command.now, 'token_replaced'),
        ];
      }
      case 'RevokeUserToken': {
        const user = existing(state, command.data.userId);
        if (user.tokenHash === null) return [];
        keepAnAdmin(user, command.context, undefined, 'revoke their token');
        return [{ type: 'UserTokenRevoked', data: { userId: user.id } }, ...endSessions(user, command.now, 'token_revoked')];
      }
      case 'StartSession': {
        const user = existing(state, command.data.userId);
        const { sessionHash, credential } = command.data;
        if (credential.tokenHash !== user.tokenHash) {
          throw new RuleViolationError('user.token_not_current', `The token presented is no longer ${user.name}'s`, 'token');
        }
        if (sessionHash in user.sessions) return [];
        const startedAt = new Date(toMillis(command.now, 'now')).toISOString();
        const expiresAt = new Date(Date.parse(startedAt) + SESSION_LIFETIME_MS).toISOString();
        return [{ type: 'UserSessionStarted', data: { userId: user.id, sessionHash, method: credential.method, startedAt, expiresAt } }];
      }
      case 'EndSession': {
        const user = existing(state, command.data.userId);
        const expiresAt = user.sessions[command.data.sessionHash];
        if (expiresAt === undefined || Date.parse(expiresAt) <= toMillis(command.now, 'now')) return [];
        return [{ type: 'UserSessionEnded', data: { userId: user.id, sessionHash: command.data.sessionHash, reason: 'signed_out' } }];
      }
    }
  },
  evolve(state, event) {
    if (event.type === 'UserCreated') {
      const d = event.data;
      return {
        exists: true,
        id: d.userId,
        tenantId: d.tenantId,
        name: d.name,
        role: d.role,
        teamIds: [],
        tokenHash: d.tokenHash,
        sessions: {},
      };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'UserTokenReplaced':
        return { ...state, tokenHash: event.data.tokenHash };
      case 'UserTokenRevoked':
        return { ...state, tokenHash: null };
      case 'UserRenamed':
        return { ...state, name: event.data.name };
      case 'UserRoleChanged':
        return { ...state, role: event.data.role };
      case 'UserTeamsChanged':
        return { ...state, teamIds: event.data.teamIds };
      case 'UserSessionStarted': {
        const { sessionHash, startedAt, expiresAt } = event.data;
        const running = Object.entries(state.sessions).filter(([, until]) => until > startedAt);
        return { ...state, sessions: { ...Object.fromEntries(running), [sessionHash]: expiresAt } };
      }
      case 'UserSessionEnded': {
        const { [event.data.sessionHash]: _ended, ...sessions } = state.sessions;
        return { ...state, sessions };
      }
    }
  },
};
