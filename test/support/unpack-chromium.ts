import chromium from '@sparticuz/chromium';

/**
 * Jest global setup of the e2e project: @sparticuz/chromium unpacks its Chromium into the temp directory at the first
 * call (then reuses it); done once here, before the test files run in parallel, so that two never unpack at once.
 */
export default async function unpackChromium(): Promise<void> {
  await chromium.executablePath();
}
