/** What people write when they check in or move a target. */

export const NOTES_UP: readonly string[] = [
  'New onboarding flow shipped; early numbers look good',
  'Campaign results are coming in faster than expected',
  'Big win this week thanks to the whole team',
  'The fix from last sprint is paying off',
  'Two large customers went live',
  'Trending up for the third week in a row',
  'Better than forecast; keeping an eye on seasonality',
];

export const NOTES_FLAT: readonly string[] = [
  'No movement this week; waiting on the release',
  'Holiday week, numbers are flat',
  'Still gathering data after the change',
  'Steady; nothing unusual',
  'Blocked on a dependency from another team',
  'Measurement was broken for two days, corrected since',
];

export const NOTES_DOWN: readonly string[] = [
  'Seasonal dip, expected to recover',
  'Incident on Tuesday hurt the numbers',
  'Lost two accounts to a competitor',
  'Hiring freeze slowed us down',
  'The experiment underperformed; rolling it back',
  'Vendor delay pushed the work out',
  'Worse than hoped; raising it in the next review',
];

export const NOTES_MILESTONE: readonly string[] = [
  'Design review done',
  'Beta running with five customers',
  'Waiting on legal sign-off',
  'Scope agreed with stakeholders',
  'Blocked on the vendor contract',
  'Implementation halfway there',
  'Dry run went well',
];

export const NOTES_DONE: readonly string[] = ['Shipped!', 'Done and announced', 'Live for everyone', 'Signed and filed'];

/** Reasons for moving a target up (ahead of plan). */
export const REASONS_RAISE: readonly string[] = [
  'Hit the original target early, raising the bar',
  'Pricing change doubled the addressable base',
  'Aligned with the revised board plan',
  'New partner channel opened up more demand than planned',
  'Original baseline was measured wrongly; re-baselined with finance',
];

/** Reasons for moving a target down (behind plan, or the world changed). */
export const REASONS_LOWER: readonly string[] = [
  'Market slowed; re-baselined with finance',
  'Scope cut after the reorg',
  'Two engineers moved to the payments incident for three weeks',
  'Vendor contract delayed the migration',
  'Hiring plan pushed back by a quarter',
  'Aligned with the revised board plan',
];
