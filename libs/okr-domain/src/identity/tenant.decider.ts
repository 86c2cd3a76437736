import { CheckInCadence, DEFAULT_CHECK_IN_CADENCE, checkInCadence } from '../cadence/check-in-cadence';
import { Decider } from '../common/decider';
import { NotFoundError, RuleViolationError } from '../common/errors';
import { NAME_MAX, requiredText } from '../common/text';
import { TenantCommand } from './identity.commands';
import { TenantEvent } from './identity.events';

export type TenantState = { exists: false } | { exists: true; id: string; name: string; checkInCadence: CheckInCadence };

export const tenantDecider: Decider<TenantCommand, TenantEvent, TenantState> = {
  initialState: () => ({ exists: false }),
  decide(command, state) {
    switch (command.type) {
      case 'CreateTenant':
        if (state.exists) throw new RuleViolationError('tenant.already_exists', `Tenant ${command.data.tenantId} already exists`);
        return [
          { type: 'TenantCreated', data: { tenantId: command.data.tenantId, name: requiredText(command.data.name, 'name', NAME_MAX) } },
        ];
      case 'ChangeTenantCheckInCadence': {
        if (!state.exists) throw new NotFoundError('tenant.not_found', `Tenant ${command.data.tenantId} not found`);
        const cadence = checkInCadence(command.data.checkInCadence);
        if (cadence === state.checkInCadence) return [];
        return [
          {
            type: 'TenantCheckInCadenceChanged',
            data: { tenantId: state.id, checkInCadence: cadence, previousCheckInCadence: state.checkInCadence },
          },
        ];
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'TenantCreated':
        return { exists: true, id: event.data.tenantId, name: event.data.name, checkInCadence: DEFAULT_CHECK_IN_CADENCE };
      case 'TenantCheckInCadenceChanged':
        return state.exists ? { ...state, checkInCadence: event.data.checkInCadence } : state;
    }
  },
};
