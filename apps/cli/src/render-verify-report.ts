import type { VerifyJson } from './backend';

/**
 * The answer of GET /api/audit/verify as text: the counts, and the first broken link (stream, revision,
 * position, reason) when there is one. The time it took is left out (it differs from run to run).
 */
export function renderVerifyReport(report: VerifyJson): string {
  const counts = `${report.eventsChecked.toLocaleString('en')} events in ${report.streamsChecked.toLocaleString('en')} streams (log head ${report.headPosition.toLocaleString('en')})`;
  const unchained =
    report.unchainedEvents > 0
      ? `\n${report.unchainedEvents.toLocaleString('en')} event(s) written before the chain existed (checked as links only)`
      : '';
  if (report.firstBroken === null) return `Verified ${counts}: every hash link holds.${unchained}\n`;
  const b = report.firstBroken;
  return (
    `TAMPERED: ${report.brokenLinks} broken link(s) in ${counts}.${unchained}\n` +
    `First broken link: stream ${b.streamId}, revision ${b.revision} (position ${b.position}): ${b.reason}\n`
  );
}
