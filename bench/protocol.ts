/** What the benchmark's parent and its per-run child processes agree on. */
export type Variant = 'propexo-node' | 'http-request-default' | 'http-request-batching';

export const VARIANTS: Variant[] = [
	'propexo-node',
	'http-request-default',
	'http-request-batching',
];

/** What the parent passes to a child (as one JSON argument). */
export interface VariantArgs {
	variant: Variant;
	count: number;
	url: string;
	token: string;
	limit: number;
	windowMs: number;
	/** Reference numbers are `${prefix}-${n}`, unique per run. */
	prefix: string;
}

/** What a child reports back. */
export interface VariantResult {
	/** From the workflow's start (package already loaded) until the engine finished it. */
	wallMs: number;
	/** `Date.now()` when the workflow started, to time the first request the emulator logged. */
	startedAt: number;
	/** The child's maximum resident set size, in KiB: before the workflow ran, and overall. */
	startRssKb: number;
	maxRssKb: number;
	/** The engine stopped the workflow with an error (the node's default "Stop Workflow"). */
	runError: string | undefined;
	/** Reference numbers of the input payments the workflow returned as error items. */
	reportedFailures: string[];
}

/** The child prints its result on one line after this marker (n8n may print other lines). */
export const RESULT_MARKER = 'BENCH_RESULT ';
