/** How the bench writes times, memory, load and tables. */
import os from 'node:os';

export function seconds(ms: number | undefined): string {
	if (ms === undefined) return '?';
	return Math.abs(ms) < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function mib(kb: number | undefined): string {
	return kb === undefined ? '?' : `${Math.round(kb / 1024)} MiB`;
}

/** The load averages over 1, 5 and 15 minutes. */
export function loadAverages(): string {
	return os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ');
}

export function median(values: number[]): number | undefined {
	if (!values.length) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function table(header: string[], rows: string[][]): string[] {
	return [
		`| ${header.join(' | ')} |`,
		`| ${header.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	];
}

/** The charge and resident benches' tables, whose separator row is spaced differently. */
export function compactTable(header: string[], rows: string[][]): string[] {
	return [
		`| ${header.join(' | ')} |`,
		`|${header.map(() => ' --- ').join('|')}|`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	];
}

export function log(message: string) {
	process.stderr.write(`[bench] ${message}\n`);
}
