/**
 * One variant of a bench runs in a child process of its own, so that its peak memory is its own:
 * the parent passes its arguments as JSON, the child prints its result on one line.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import type { NodeRun } from '../test/harness/nodeWorkflow';
import { RESULT_MARKER } from './protocol';

const ROOT = path.resolve(__dirname, '..');
const CHILD_TIMEOUT_MS = 20 * 60_000;

/** Runs `bench/<script>` with the arguments and returns what it printed after RESULT_MARKER. */
export async function runChild<R>(script: string, args: { variant: string }): Promise<R> {
	const child = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', path.join(__dirname, script), JSON.stringify(args)],
		{
			cwd: ROOT,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			timeout: CHILD_TIMEOUT_MS,
			env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
		},
	);
	const line = child.stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
	if (!line)
		throw new Error(`${args.variant} printed no result:\n${child.stdout}\n${child.stderr}`);
	return JSON.parse(line.slice(RESULT_MARKER.length)) as R;
}

/** The arguments of the charge and resident benches' children. */
export interface VariantArgs<V extends string> {
	variant: V;
	count: number;
	url: string;
	token: string;
	/** Reference numbers are `${prefix}-${n}`. */
	prefix: string;
}

/** What a charge or resident child reports of its one execution. */
export interface VariantResult {
	nodeStartedAt: number;
	nodeMs: number;
	runError: string | undefined;
	outputItems: number;
	errorItems: number;
}

export function variantResult(run: NodeRun, nodeName: string): VariantResult {
	const task = run.run.data.resultData.runData[nodeName]?.[0];
	return {
		nodeStartedAt: task?.startTime ?? 0,
		nodeMs: task?.executionTime ?? 0,
		runError: run.error?.message,
		outputItems: run.success.length,
		errorItems:
			run.errors.length + run.success.filter((item) => item.json.error !== undefined).length,
	};
}

/** The child's side: its arguments, and the end of its run. */
export function childArgs<A>(): A {
	return JSON.parse(process.argv[2]) as A;
}

export function printResult(result: unknown): void {
	process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

export function runMain(main: () => Promise<void>): void {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
