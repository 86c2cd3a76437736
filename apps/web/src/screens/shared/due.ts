const DAY_MS = 86_400_000;

const localDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

/** When a check-in falls due, as people say it: "3 days overdue", "overdue since today", "due today", "due in 4 days". */
export function dueText(dueAt: string, now: Date = new Date()): string {
  const due = new Date(dueAt);
  const days = Math.round((localDay(due) - localDay(now)) / DAY_MS);
  if (days < 0) return days === -1 ? '1 day overdue' : `${-days} days overdue`;
  if (days === 0) return due.getTime() < now.getTime() ? 'overdue since today' : 'due today';
  return days === 1 ? 'due tomorrow' : `due in ${days} days`;
}
