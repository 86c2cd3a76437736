import { Decider } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { NAME_MAX, requiredText } from '../common/text';
import { UserCommand } from './identity.commands';
import { USER_ROLES, UserEvent, UserRole } from './identity.events';

export type UserState = { exists: false } | { exists: true; id: string; tenantId: string; name: string; role: UserRole; tokenHash: string };

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: () => ({ exists: false }),
  decide(command, state) {
    switch (command.type) {
      case 'CreateUser': {
        const d = command.data;
        if (state.exists) throw new RuleViolationError('user.already_exists', `User ${d.userId} already exists`);
        if (!USER_ROLES.includes(d.role)) throw new InvalidInputError('user.role', `role must be one of ${USER_ROLES.join(', ')}`, 'role');
        return [
          {
            type: 'UserCreated',
            data: {
              userId: d.userId,
              tenantId: d.tenantId,
              name: requiredText(d.name, 'name', NAME_MAX),
              role: d.role,
              tokenHash: d.tokenHash,
            },
          },
        ];
      }
      case 'ReplaceUserToken': {
        if (!state.exists) throw new NotFoundError('user.not_found', `User ${command.data.userId} not found`);
        if (state.tokenHash === command.data.tokenHash) return [];
        return [{ type: 'UserTokenReplaced', data: { userId: state.id, tokenHash: command.data.tokenHash } }];
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'UserCreated':
        return {
          exists: true,
          id: event.data.userId,
          tenantId: event.data.tenantId,
          name: event.data.name,
          role: event.data.role,
          tokenHash: event.data.tokenHash,
        };
      case 'UserTokenReplaced':
        return state.exists ? { ...state, tokenHash: event.data.tokenHash } : state;
    }
  },
};
