import { Decider } from '../common/decider';
import { RuleViolationError } from '../common/errors';
import { NAME_MAX, requiredText } from '../common/text';
import { TenantCommand } from './identity.commands';
import { TenantEvent } from './identity.events';

export type TenantState = { exists: false } | { exists: true; id: string; name: string };

export const tenantDecider: Decider<TenantCommand, TenantEvent, TenantState> = {
  initialState: () => ({ exists: false }),
  decide(command, state) {
    if (state.exists) throw new RuleViolationError('tenant.already_exists', `Tenant ${command.data.tenantId} already exists`);
    return [{ type: 'TenantCreated', data: { tenantId: command.data.tenantId, name: requiredText(command.data.name, 'name', NAME_MAX) } }];
  },
  evolve: (_state, event) => ({ exists: true, id: event.data.tenantId, name: event.data.name }),
};
