// Structure checks of what the server exports: iCalendar (RFC 5545), CSV
// (RFC 4180 with a UTF-8 BOM) and Atom (RFC 4287). They assert the rules a
// calendar, spreadsheet or feed reader relies on, and return the content so
// tests can compare it with the API.
import assert from 'node:assert/strict';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function assertCrlfOnly(text, what) {
  assert.ok(!/[^\r]\n|^\n/.test(text), `${what}: a line ends with a bare LF, not CRLF`);
  assert.ok(!/\r(?!\n)/.test(text), `${what}: a bare CR`);
}

// Parses an iCalendar file after checking its framing: CRLF line ends, lines
// folded at 75 octets, VCALENDAR around VEVENTs, each VEVENT with a unique
// UID, a DTSTAMP and a UTC DTSTART. Returns the events as maps from property
// name (parameters dropped) to value.
export function checkIcs(bytes) {
  const text = bytes.toString('utf8');
  assertCrlfOnly(text, 'ICS');
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'), 'ICS must start with BEGIN:VCALENDAR');
  assert.ok(text.endsWith('END:VCALENDAR\r\n'), 'ICS must end with END:VCALENDAR and CRLF');
  for (const line of text.split('\r\n'))
    assert.ok(Buffer.byteLength(line) <= 75, `ICS line longer than 75 octets: ${line}`);
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  assert.ok(lines.includes('VERSION:2.0'), 'ICS needs VERSION:2.0');
  assert.ok(
    lines.some((line) => line.startsWith('PRODID:')),
    'ICS needs PRODID',
  );
  const events = [];
  let current = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT') {
      assert.ok(current, 'END:VEVENT without BEGIN:VEVENT');
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';', 1)[0].toUpperCase();
      if (!current.has(name)) current.set(name, line.slice(colon + 1));
    }
  }
  assert.equal(current, null, 'a VEVENT is not closed');
  const uids = new Set();
  for (const event of events) {
    for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'SUMMARY'])
      assert.ok(event.get(name), `a VEVENT lacks ${name}: ${JSON.stringify([...event])}`);
    assert.match(event.get('DTSTART'), /^\d{8}T\d{6}Z$/, 'DTSTART in UTC');
    assert.ok(!uids.has(event.get('UID')), `UID ${event.get('UID')} repeats`);
    uids.add(event.get('UID'));
  }
  return events;
}

// RFC 4180 records of a CSV text: fields split on commas outside quotes,
// doubled quotes undone, records ended by CRLF (a bare LF is only allowed
// inside a quoted field).
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        ++i;
      } else quoted = false;
    } else if (c === '"') {
      assert.equal(field, '', `CSV: a quote inside an unquoted field near offset ${i}`);
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      ++i;
    } else {
      assert.ok(c !== '\n' && c !== '\r', `CSV: a bare line break outside quotes at offset ${i}`);
      field += c;
    }
  }
  assert.ok(!quoted, 'CSV: an unterminated quoted field');
  assert.ok(field === '' && record.length === 0, 'CSV: the last record must end with CRLF');
  return records;
}

// Checks the BOM and that every record has the header's width; returns
// {header, rows, text}.
export function checkCsv(bytes) {
  assert.deepEqual([...bytes.subarray(0, 3)], UTF8_BOM, 'CSV must start with the UTF-8 BOM');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(!text.includes('\uFFFD'), 'CSV is not valid UTF-8');
  const [header, ...rows] = parseCsv(text);
  assert.ok(header && header.length >= 2, 'CSV needs a header row');
  for (const [index, row] of rows.entries())
    assert.equal(row.length, header.length, `CSV row ${index + 2} has ${row.length} fields, header ${header.length}`);
  return { header, rows, text };
}

// Parses an Atom feed with the browser's XML parser (page: a Playwright
// page) and checks RFC 4287's required elements. Returns {title, entries}.
export async function checkAtom(page, xml) {
  const feed = await page.evaluate((source) => {
    const ATOM = 'http://www.w3.org/2005/Atom';
    const doc = new DOMParser().parseFromString(source, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0) return { error: 'not well-formed XML' };
    const root = doc.documentElement;
    const child = (element, name) => [...element.children].find((c) => c.namespaceURI === ATOM && c.localName === name);
    const text = (element, name) => child(element, name)?.textContent ?? null;
    return {
      root: `${root.namespaceURI} ${root.localName}`,
      id: text(root, 'id'),
      title: text(root, 'title'),
      updated: text(root, 'updated'),
      author: Boolean(child(root, 'author')),
      entries: [...root.children]
        .filter((c) => c.namespaceURI === ATOM && c.localName === 'entry')
        .map((entry) => ({
          id: text(entry, 'id'),
          title: text(entry, 'title'),
          updated: text(entry, 'updated'),
          author: Boolean(child(entry, 'author')),
          link: child(entry, 'link')?.getAttribute('href') ?? null,
        })),
    };
  }, xml);
  assert.equal(feed.error, undefined, `Atom: ${feed.error}`);
  assert.equal(feed.root, 'http://www.w3.org/2005/Atom feed', 'Atom root must be atom:feed');
  const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
  assert.ok(feed.id, 'Atom feed needs an id');
  assert.ok(feed.title !== null, 'Atom feed needs a title');
  assert.match(feed.updated ?? '', rfc3339, 'Atom feed needs an RFC 3339 updated');
  for (const entry of feed.entries) {
    assert.ok(entry.id && entry.title !== null && entry.link, `Atom entry incomplete: ${JSON.stringify(entry)}`);
    assert.match(entry.updated ?? '', rfc3339, 'Atom entry needs an RFC 3339 updated');
    assert.ok(feed.author || entry.author, 'Atom needs an author on the feed or on every entry');
  }
  return feed;
}
