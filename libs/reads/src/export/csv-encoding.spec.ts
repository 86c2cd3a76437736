import { csvField, csvRecord } from './csv-encoding';

/** A small RFC 4180 reader, independent of the writer, to check round trips. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the text does not end with CRLF');
  return records;
}

describe('csvField', () => {
  it('writes plain values as they are', () => {
    expect(csvField('KeyResultCheckedIn')).toBe('KeyResultCheckedIn');
    expect(csvField('keyresult-00000000-0000-4000-8000-000000000015')).toBe('keyresult-00000000-0000-4000-8000-000000000015');
    expect(csvField(42)).toBe('42');
    expect(csvField(0.35)).toBe('0.35');
    expect(csvField(true)).toBe('true');
    expect(csvField('2026-02-15T12:00:00.000Z')).toBe('2026-02-15T12:00:00.000Z');
  });

  it('writes null, undefined and the empty string as an empty field', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('quotes fields with commas, double quotes, CR or LF, doubling the double quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
    expect(csvField('"')).toBe('""""');
    expect(csvField('{"note":"a, \\"b\\""}')).toBe('"{""note"":""a, \\""b\\""""}"');
  });

  it('leaves other characters alone (spaces, semicolons, tabs, non-ASCII)', () => {
    expect(csvField(' padded ')).toBe(' padded ');
    expect(csvField('a;b\tc')).toBe('a;b\tc');
    expect(csvField('ünïcødé ✓ 😀')).toBe('ünïcødé ✓ 😀');
  });
});

describe('csvRecord', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvRecord(['a', 1, null, 'b'])).toBe('a,1,,b\r\n');
  });

  it('round-trips awkward values through an RFC 4180 reader', () => {
    const rows = [
      ['position', 'note', 'data'],
      ['1', 'plain', '{"a":1}'],
      ['2', 'comma, inside', 'quote " inside'],
      ['3', 'multi\nline\r\nnote', ''],
      ['4', '""', ',,,'],
    ];
    const text = rows.map((row) => csvRecord(row)).join('');
    expect(parseCsv(text)).toEqual(rows);
  });
});
