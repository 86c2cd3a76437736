import type { Health } from '../api/views';

/** Health by pace, as people read it (always shown with its colour, never by colour alone). */
export const HEALTH_LABEL: Record<Health, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  closed: 'Closed',
  archived: 'Archived',
};

/** The healths an objective of the tree can have (archived ones are left out of it). */
export const HEALTHS: Health[] = ['on_track', 'at_risk', 'off_track', 'closed'];
