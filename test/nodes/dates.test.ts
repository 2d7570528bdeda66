/** Unit tests of toIsoUtc: what a date field may hold, turned into ISO 8601 UTC or refused. */
import { toIsoUtc } from '../../nodes/shared/validation/dates';

/** The wall-clock time of an ISO instant in a zone, e.g. "2026-03-08 03:30:00". */
function wallClock(iso: string, timezone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: timezone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(iso));
	const get = (type: string) => parts.find((part) => part.type === type)?.value;
	return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

describe('values with a zone are taken as they are', () => {
	it.each([
		['2026-11-25T14:30:00Z', '2026-11-25T14:30:00.000Z'],
		['2026-11-25T14:30:00z', '2026-11-25T14:30:00.000Z'],
		['2026-11-25T14:30:00.5Z', '2026-11-25T14:30:00.500Z'],
		['2026-11-25T14:30:00+02:00', '2026-11-25T12:30:00.000Z'],
		['2026-11-25T14:30:00-0500', '2026-11-25T19:30:00.000Z'],
		['2026-11-25T00:30:00+14:00', '2026-11-24T10:30:00.000Z'],
		['  2026-11-25T14:30:00Z  ', '2026-11-25T14:30:00.000Z'],
	])('%s → %s, whatever the workflow zone', (value, expected) => {
		expect(toIsoUtc(value, 'UTC')).toBe(expected);
		expect(toIsoUtc(value, 'America/Chicago')).toBe(expected);
		expect(toIsoUtc(value, 'Asia/Tokyo')).toBe(expected);
	});

	it('takes a Date and a Luxon-like DateTime (what n8n expressions return)', () => {
		expect(toIsoUtc(new Date('2026-11-25T14:30:00Z'), 'Asia/Tokyo')).toBe(
			'2026-11-25T14:30:00.000Z',
		);
		const luxon = { toISO: () => '2026-11-25T14:30:00.000-06:00' };
		expect(toIsoUtc(luxon, 'UTC')).toBe('2026-11-25T20:30:00.000Z');
		expect(toIsoUtc({ toISO: () => null }, 'UTC')).toBeUndefined();
	});
});

describe("values without a zone are read in the workflow's zone", () => {
	it.each([
		['2026-11-25', 'UTC', '2026-11-25T00:00:00.000Z'],
		['2026-11-25', 'America/Chicago', '2026-11-25T06:00:00.000Z'],
		['2026-11-25', 'Asia/Tokyo', '2026-11-24T15:00:00.000Z'],
		['2026-11-25', 'Asia/Kolkata', '2026-11-24T18:30:00.000Z'],
		['2026-01-15T09:15:00', 'America/Chicago', '2026-01-15T15:15:00.000Z'],
		['2026-07-15T09:15:00', 'America/Chicago', '2026-07-15T14:15:00.000Z'],
		['2026-07-15T09:15:00', 'Europe/Berlin', '2026-07-15T07:15:00.000Z'],
		['2026-01-15 09:15', 'Europe/Berlin', '2026-01-15T08:15:00.000Z'],
		['2026-01-15T09:15:30.250', 'UTC', '2026-01-15T09:15:30.250Z'],
		['2026-01-15T09:15:30.123456', 'UTC', '2026-01-15T09:15:30.123Z'],
		['2028-02-29', 'UTC', '2028-02-29T00:00:00.000Z'],
	])('%s in %s → %s', (value, timezone, expected) => {
		expect(toIsoUtc(value, timezone)).toBe(expected);
	});

	it('a value that is refused with a zone is refused without one too', () => {
		// Was a bug: without a zone, minute 60–99 and second 60–99 rolled over
		// ("14:75" became 15:15): dates.ts checked hour > 23 but not minute > 59 / second > 59.
		expect(toIsoUtc('2026-11-25T14:75:00Z', 'UTC')).toBeUndefined();
		expect(toIsoUtc('2026-11-25T14:75:00', 'UTC')).toBeUndefined();
		expect(toIsoUtc('2026-11-25T14:30:60', 'UTC')).toBeUndefined();
		expect(toIsoUtc('2026-11-25T14:30:99', 'UTC')).toBeUndefined();
	});
});

describe('daylight saving time', () => {
	const zones: Array<[string, string[]]> = [
		[
			'America/Chicago',
			// Spring forward 2026-03-08 02:00 → 03:00; fall back 2026-11-01 02:00 → 01:00.
			['2026-03-07T23:00:00', '2026-03-08T00:00:00', '2026-03-08T01:59:00', '2026-03-08T03:00:00'],
		],
		['America/Chicago', ['2026-03-08T03:30:00', '2026-03-08T06:00:00', '2026-11-01T03:00:00']],
		['America/Chicago', ['2026-11-01T05:00:00', '2026-11-01T12:00:00', '2026-11-02T00:00:00']],
		// Spring forward 2026-03-29 02:00 → 03:00 (01:00 UTC); fall back 2026-10-25 03:00 → 02:00.
		['Europe/Berlin', ['2026-03-29T00:30:00', '2026-03-29T01:30:00', '2026-03-29T03:30:00']],
		['Europe/Berlin', ['2026-10-25T00:00:00', '2026-10-25T04:00:00', '2026-10-25T12:00:00']],
		// Autumn: 2026-04-05 03:00 → 02:00 (16:00 UTC the day before).
		['Australia/Sydney', ['2026-04-05', '2026-04-05T01:00:00', '2026-04-05T12:00:00']],
		['Australia/Sydney', ['2026-10-04', '2026-10-04T03:30:00', '2026-10-04T12:00:00']],
	];

	// Caught a bug, fixed on main (7909578): the offset was taken at the instant "wall clock read
	// as UTC", so for some hours after a change the result was an hour off (03:30 in Chicago on
	// 2026-03-08 became 04:30 CDT; the date 2026-10-04 in Sydney became 23:00 the day before).
	it.each(zones.flatMap(([zone, values]) => values.map((value) => [value, zone] as const)))(
		'%s in %s keeps its wall-clock time',
		(value, zone) => {
			const iso = toIsoUtc(value, zone);
			expect(iso).toBeDefined();
			const expected = value.length === 10 ? `${value} 00:00:00` : value.replace('T', ' ');
			expect(wallClock(String(iso), zone)).toBe(expected);
		},
	);

	it('a time that does not exist (spring forward) is moved forward by the gap', () => {
		expect(
			wallClock(String(toIsoUtc('2026-03-08T02:30:00', 'America/Chicago')), 'America/Chicago'),
		).toBe('2026-03-08 03:30:00');
	});

	it('a time that exists twice (fall back) is one of its two instants', () => {
		const iso = toIsoUtc('2026-11-01T01:30:00', 'America/Chicago');
		expect(['2026-11-01T06:30:00.000Z', '2026-11-01T07:30:00.000Z']).toContain(iso);
	});
});

describe('what is no date', () => {
	it.each([
		'',
		'   ',
		'next Tuesday',
		'25/11/2026',
		'11/25/2026',
		'2026-11',
		'26-11-25',
		'2026-13-01',
		'2026-00-10',
		'2026-02-29',
		'2026-04-31',
		'2026-11-25T24:00:00',
		'2026-11-25T14:30:00+25:00',
		'2026-11-25T14:30:00 +02:00',
		'+002026-11-25T00:00:00Z',
		'20261125',
	])('%p', (value) => {
		expect(toIsoUtc(value, 'UTC')).toBeUndefined();
	});

	it.each([null, undefined, 0, 1764081000000, true, [], ['2026-11-25'], {}])('%p', (value) => {
		expect(toIsoUtc(value, 'UTC')).toBeUndefined();
	});

	it('an invalid Date', () => {
		expect(toIsoUtc(new Date('nope'), 'UTC')).toBeUndefined();
	});
});

describe('years from 1900 to 2100 only', () => {
	it.each([
		'1899-12-31',
		'1899-12-31T23:59:59',
		'1899-12-31T23:59:59Z',
		'2101-01-01',
		'2101-01-01T00:00:00Z',
		// Date.UTC reads years 0–99 as 1900–1999: these must not become 1926 or 1999.
		'0026-11-25',
		'0026-11-25T10:00:00',
		'0026-11-25T10:00:00Z',
		'0099-12-31',
		'0000-01-01',
		'9999-12-31',
	])('refuses %s', (value) => {
		expect(toIsoUtc(value, 'UTC')).toBeUndefined();
		expect(toIsoUtc(value, 'America/Chicago')).toBeUndefined();
	});

	it('refuses a Date outside the range', () => {
		expect(toIsoUtc(new Date('1899-06-01T00:00:00Z'), 'UTC')).toBeUndefined();
		expect(toIsoUtc(new Date('2101-06-01T00:00:00Z'), 'UTC')).toBeUndefined();
	});

	it.each([
		['1900-01-01', '1900-01-01T00:00:00.000Z'],
		['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z'],
		['2100-12-31', '2100-12-31T00:00:00.000Z'],
		['2100-12-31T23:59:59Z', '2100-12-31T23:59:59.000Z'],
	])('accepts %s', (value, expected) => {
		expect(toIsoUtc(value, 'UTC')).toBe(expected);
	});
});

it('an unknown zone name is read as UTC rather than throwing', () => {
	expect(toIsoUtc('2026-11-25T10:00:00', 'Not/AZone')).toBe('2026-11-25T10:00:00.000Z');
});
