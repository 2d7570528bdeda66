/** One measured run of a payment variant: in an engine child process, or in the real n8n. */
import { SEED, type Emulator } from '../test/emulator';
import { runChild } from './child';
import { log } from './format';
import { executeN8n, workflowId, type N8nBench, type N8nExecution } from './n8n';
import type { EngineArgs, EngineResult, Variant } from './protocol';

export interface Execution {
	nodeStartedAt?: number;
	nodeMs?: number;
	runError?: string;
	runErrorDescription?: string;
	reportedFailures: string[];
	outputItems: number;
	/** The input payments' reference numbers; undefined when unknown. */
	references?: string[];
	peakRssKb?: number;
	startRssKb?: number;
}

export async function runEngine(
	emulator: Emulator,
	variant: Variant,
	count: number,
	executions: number,
): Promise<Execution[]> {
	const tag = Date.now().toString(36);
	const prefixes = Array.from(
		{ length: executions },
		(_, n) => `BENCH-${variant}-${count}-${tag}-${n}`,
	);
	const base = {
		variant,
		count,
		url: emulator.url,
		token: emulator.token,
		integrationId: SEED.primaryIntegrationId,
	};
	const child = (childPrefixes: string[]) => {
		const args: EngineArgs = { ...base, prefixes: childPrefixes };
		return runChild<EngineResult>('variant.ts', args);
	};
	// Two processes: one execution each, at the same time, one token (as two queue-mode workers).
	const results =
		variant === 'two-processes'
			? await Promise.all(prefixes.map((prefix) => child([prefix])))
			: [await child(prefixes)];
	const out: Execution[] = [];
	let prefixIndex = 0;
	for (const result of results) {
		for (const execution of result.executions) {
			const prefix = prefixes[prefixIndex++];
			out.push({
				...execution,
				references:
					variant === 'get-many' ? [] : Array.from({ length: count }, (_, n) => `${prefix}-${n}`),
				peakRssKb: result.maxRssKb,
				startRssKb: result.startRssKb,
			});
		}
	}
	return out;
}

export async function runInN8n(
	bench: N8nBench,
	variant: Variant,
	count: number,
	executions: number,
): Promise<Execution[]> {
	const id = workflowId(variant, count);
	// Two processes: two `n8n execute` at once, each with its own ports.
	const runs: N8nExecution[] = await Promise.all(
		Array.from({ length: executions }, (_, n) =>
			executeN8n(bench, id, { port: bench.port + 2 * n, tag: `${variant}-${n}` }),
		),
	);
	return runs.map((execution) => {
		if (!execution.node) {
			log(`n8n ${variant} N=${count}: no run data (exit ${execution.code}):\n${execution.output}`);
		}
		return {
			nodeStartedAt: execution.node?.startTime,
			nodeMs: execution.node?.executionTime,
			runError: execution.runError,
			runErrorDescription: execution.runErrorDescription,
			reportedFailures: execution.reportedFailures,
			outputItems: execution.outputItems,
			references: variant === 'get-many' ? [] : execution.references,
			peakRssKb: execution.maxRssKb,
		};
	});
}
