/** A target of issue #10, met or not, and the helpers its checks share. */
import type { Row } from './measure';

export interface Verdict {
	target: string;
	met: boolean | undefined;
	figure: string;
}

export function where(row: Row): string {
	return `${row.mode} N=${row.executions > 1 ? `${row.executions}×${row.count}` : row.count} run ${row.run}`;
}

export function worst<T>(rows: T[], score: (row: T) => number): T | undefined {
	let found: T | undefined;
	for (const row of rows) if (found === undefined || score(row) > score(found)) found = row;
	return found;
}

/** The tuned HTTP Request node's row of the same run, mode and size. */
export function tunedTwin(rows: Row[], row: Row): Row | undefined {
	return rows.find(
		(other) =>
			other.variant === 'http-batching' &&
			other.run === row.run &&
			other.mode === row.mode &&
			other.count === row.count,
	);
}

export function unmeasured(target: string, what: string): Verdict {
	return { target, met: undefined, figure: what };
}
