/** Stream names: `<category>-<id>`. The category before the first '-' groups the streams of one type. */
export const StreamCategory = {
  cycle: 'cycle',
  team: 'team',
  objective: 'objective',
  keyResult: 'keyresult',
  initiative: 'initiative',
  tenant: 'tenant',
  user: 'user',
} as const;
export type StreamCategory = (typeof StreamCategory)[keyof typeof StreamCategory];

export function streamName(category: StreamCategory, id: string): string {
  return `${category}-${id}`;
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
