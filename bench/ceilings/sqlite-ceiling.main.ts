import { measureSqliteCeiling } from './sqlite-ceiling';

/** Child entry: `node sqlite-ceiling.main.js <scratch dir> <seconds per measurement>`; prints the rates as JSON. */
const [dir, seconds] = process.argv.slice(2);
if (!dir || !(Number(seconds) > 0)) {
  process.stderr.write('Usage: node sqlite-ceiling.main.js <scratch dir> <seconds>\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(measureSqliteCeiling(dir, Number(seconds)))}\n`);
