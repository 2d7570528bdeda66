const LOCAL_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
// Date.UTC reads years 0-99 as 1900-1999, so "0026-11-25" would become 1926: refuse such years.
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

/**
 * Turns what a user can put in a date field into ISO 8601 UTC, or undefined when it is no date.
 * A date-time without a zone (what n8n's date picker produces) is read in the workflow's zone.
 */
export function toIsoUtc(value: unknown, timezone: string): string | undefined {
	if (value instanceof Date) return isValid(value) ? value.toISOString() : undefined;
	if (value && typeof value === 'object' && 'toISO' in value) {
		const iso = (value as { toISO: () => string | null }).toISO();
		return iso ? toIsoUtc(iso, timezone) : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (HAS_ZONE.test(text)) {
		const parsed = new Date(text);
		const year = Number(text.slice(0, 4));
		return /^\d{4}-\d{2}-\d{2}/.test(text) && isValid(parsed) && inRange(year)
			? parsed.toISOString()
			: undefined;
	}
	const match = LOCAL_DATE_TIME.exec(text);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second, millis] = match
		.slice(1)
		.map((part) => Number(part ?? 0));
	if (!inRange(year)) return undefined;
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
	const check = new Date(asUtc);
	if (
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	)
		return undefined;
	return new Date(wallClockToUtc(asUtc, timezone)).toISOString();
}

function isValid(date: Date): boolean {
	return !Number.isNaN(date.getTime()) && inRange(date.getUTCFullYear());
}

function inRange(year: number): boolean {
	return year >= FIRST_YEAR && year <= LAST_YEAR;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time (given as if it were UTC) has in `timezone`. Near a DST change
 * the zone has two offsets: a time that exists twice is the earlier one, a time skipped by the
 * change is moved forward by the gap, as clocks do.
 */
function wallClockToUtc(wallClock: number, timezone: string): number {
	const offsets = new Set([
		zoneOffsetMs(wallClock - DAY_MS, timezone),
		zoneOffsetMs(wallClock + DAY_MS, timezone),
	]);
	const valid = [...offsets]
		.map((offset) => wallClock - offset)
		.filter((instant) => wallClock - zoneOffsetMs(instant, timezone) === instant);
	if (valid.length) return Math.min(...valid);
	return wallClock - Math.min(...offsets);
}

// Building a formatter costs far more than using one, and a run reads thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

function formatterFor(timezone: string): Intl.DateTimeFormat | undefined {
	if (!formatters.has(timezone)) {
		let formatter: Intl.DateTimeFormat | undefined;
		try {
			formatter = new Intl.DateTimeFormat('en-US', {
				timeZone: timezone,
				hourCycle: 'h23',
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
			});
		} catch {
			formatter = undefined;
		}
		formatters.set(timezone, formatter);
	}
	return formatters.get(timezone);
}

// The zone's offset from UTC at about that instant, from Intl (no date library at run time).
function zoneOffsetMs(utcMs: number, timezone: string): number {
	const formatter = formatterFor(timezone);
	if (!formatter) return 0;
	const parts = formatter.formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const wallClock = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return wallClock - Math.floor(utcMs / 1000) * 1000;
}
