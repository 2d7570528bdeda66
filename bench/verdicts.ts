/** The targets of issue #10, checked against the measured rows: one VERDICT line each. */
import { seconds } from './format';
import type { Row } from './measure';
import { tunedTwin, unmeasured, where, worst, type Verdict } from './verdict';
import { concurrency, memoryUse, getMany, queueMode, sharedCredential } from './verdicts-load';

export function verdicts(rows: Row[]): Verdict[] {
	const propexo = rows.filter((row) => row.variant === 'propexo');
	return [
		speed(rows, propexo),
		noLoss(propexo),
		firstToLast(propexo),
		firstRequest(propexo),
		prepareItem(rows),
		concurrency(propexo),
		memoryUse(rows, propexo),
		getMany(rows),
		sharedCredential(rows),
		queueMode(rows),
	];
}

/** 1. Speed against the tuned HTTP Request node. */
function speed(rows: Row[], propexo: Row[]): Verdict {
	const pairs = propexo.flatMap((row) => {
		const tuned = tunedTwin(rows, row);
		return tuned && row.nodeMs !== undefined && tuned.nodeMs !== undefined
			? [{ row, ratio: row.nodeMs / tuned.nodeMs, tuned }]
			: [];
	});
	const missingSizes = [100, 1000, 5000].filter((size) => !pairs.some((p) => p.row.count === size));
	if (!pairs.length) return unmeasured('1-speed', 'needs the propexo and http-batching variants');
	// Per mode and size: runs faster, and the worst ratio with its times.
	const groups = new Map<string, typeof pairs>();
	for (const pair of pairs) {
		const key = `${pair.row.mode} N=${pair.row.count}`;
		groups.set(key, [...(groups.get(key) ?? []), pair]);
	}
	const parts = [...groups].map(([key, group]) => {
		const slowest = worst(group, (pair) => pair.ratio)!;
		return (
			`${key}: ${group.filter((pair) => pair.ratio <= 1).length}/${group.length} faster, ` +
			`worst ${slowest.ratio.toFixed(2)} (${seconds(slowest.row.nodeMs)} vs ${seconds(slowest.tuned.nodeMs)})`
		);
	});
	return {
		target: '1-speed',
		met: pairs.every((pair) => pair.ratio <= 1) && missingSizes.length === 0,
		figure:
			`Propexo ÷ tuned HTTP Request node time per run; ${parts.join('; ')}` +
			(missingSizes.length ? `; sizes not measured: ${missingSizes.join(', ')}` : ''),
	};
}

/** 1. Correctness: no 429, no duplicate, nothing lost. */
function noLoss(propexo: Row[]): Verdict {
	if (!propexo.length) return unmeasured('1-no-429-duplicate-loss', 'needs the propexo variant');
	const sum = (pick: (row: Row) => number | undefined) =>
		propexo.reduce((total, row) => total + (pick(row) ?? 0), 0);
	const unknown = propexo.filter((row) => row.lost === undefined).length;
	return {
		target: '1-no-429-duplicate-loss',
		met:
			sum((row) => row.rateLimited) === 0 &&
			sum((row) => row.duplicates) === 0 &&
			sum((row) => row.lost) === 0 &&
			unknown === 0,
		figure:
			`${propexo.length} Propexo runs: ${sum((row) => row.rateLimited)} × 429, ` +
			`${sum((row) => row.duplicates)} duplicates, ${sum((row) => row.lost)} lost` +
			(unknown ? `, ${unknown} runs unaccounted` : ''),
	};
}

/** 2. Close to the minimum. */
function firstToLast(propexo: Row[]): Verdict {
	const spans = propexo.filter((row) => row.spanMs !== undefined);
	if (!spans.length) return unmeasured('2-first-to-last', 'needs the propexo variant');
	const sizes = [...new Set(spans.map((row) => `${row.mode} N=${row.count}`))];
	const parts = sizes.map((key) => {
		const group = spans.filter((row) => `${row.mode} N=${row.count}` === key);
		const far = worst(group, (row) => row.spanMs! / row.minimumMs!)!;
		const within = group.filter((row) => row.spanMs! <= 1.05 * row.minimumMs!).length;
		return (
			`${key}: ${within}/${group.length} within, worst ${(far.spanMs! / far.minimumMs!).toFixed(2)} ` +
			`(${seconds(far.spanMs)} vs ${seconds(far.minimumMs)})`
		);
	});
	return {
		target: '2-first-to-last',
		met: spans.every((row) => row.spanMs! <= 1.05 * row.minimumMs!),
		figure: `first → last request ÷ minimum, limit 1.05; ${parts.join('; ')}`,
	};
}

/** 2. A quick first request. */
function firstRequest(propexo: Row[]): Verdict {
	const at1000 = propexo.filter(
		(row) => row.count === 1000 && row.firstRequestAfterMs !== undefined,
	);
	if (!at1000.length) return unmeasured('2-first-request', 'needs the propexo variant at N = 1000');
	const late = worst(at1000, (row) => row.firstRequestAfterMs!)!;
	return {
		target: '2-first-request',
		met: at1000.every((row) => row.firstRequestAfterMs! <= 300),
		figure: `N=1000: worst ${seconds(late.firstRequestAfterMs)} after the node started (${where(late)}); limit 0.30 s`,
	};
}

/** 2. Fast preparation. */
function prepareItem(rows: Row[]): Verdict {
	const validated = rows.filter(
		(row) => row.variant === 'validate-only' && row.nodeMs !== undefined,
	);
	if (!validated.length) return unmeasured('2-prepare-item', 'needs the validate-only variant');
	const slow = worst(validated, (row) => row.nodeMs! / row.count)!;
	return {
		target: '2-prepare-item',
		met: validated.every((row) => row.nodeMs! / row.count <= 0.3),
		figure:
			`Validate Only: worst ${(slow.nodeMs! / slow.count).toFixed(3)} ms per item ` +
			`(${seconds(slow.nodeMs)} for ${slow.count}, ${where(slow)}); limit 0.300 ms`,
	};
}
