/** What the benchmark's parent, its engine child processes and its real-n8n driver agree on. */

/** The rate limit of the bench: Propexo's scaled down twenty times (150 per 3 s, not per 60 s). */
export const LIMIT = 150;
export const WINDOW_MS = 3000;
export const SLOWDOWN_RATIO = 0.8;
export const SLOWDOWN_MS = 100;
export const LATENCY_MS: [number, number] = [20, 50];

/** Posting N payments: the same N items through three nodes. */
export type PaymentVariant = 'propexo' | 'http-default' | 'http-batching';
/** Everything else the bench measures about this node. */
export type ExtraVariant = 'validate-only' | 'get-many' | 'shared-credential' | 'two-processes';
export type Variant = PaymentVariant | ExtraVariant;
export type Mode = 'engine' | 'n8n';

export const PAYMENT_VARIANTS: PaymentVariant[] = ['propexo', 'http-default', 'http-batching'];
export const EXTRA_VARIANTS: ExtraVariant[] = [
	'validate-only',
	'get-many',
	'shared-credential',
	'two-processes',
];
export const MODES: Mode[] = ['engine', 'n8n'];

export const LABELS: Record<Variant, string> = {
	propexo: 'Propexo node',
	'http-default': 'HTTP Request, default',
	'http-batching': `HTTP Request, batching ${LIMIT} / ${WINDOW_MS / 1000} s`,
	'validate-only': 'Propexo node, Validate Only',
	'get-many': 'Propexo node, Get Many (Return All)',
	'shared-credential': 'Propexo node, 2 executions, 1 credential',
	'two-processes': 'Propexo node, 2 processes, 1 token',
};

/** The real n8n cannot run two executions at once from its CLI in one process. */
export function supports(variant: Variant, mode: Mode): boolean {
	return !(variant === 'shared-credential' && mode === 'n8n');
}

/** Get Many reads this many payments of one integration (40 pages of 250). */
export const READ_RECORDS = 10_000;

/** One workflow run of the Propexo node or the HTTP Request node, in an engine child process. */
export interface EngineArgs {
	variant: Variant;
	count: number;
	url: string;
	token: string;
	/** Reference numbers are `${prefix}-${n}`; one prefix per execution. */
	prefixes: string[];
	/** The integration Get Many reads. */
	integrationId: string;
}

/** What one execution of the measured node reports. */
export interface ExecutionReport {
	/** `startTime` of the node's task data (ms since the epoch): when the engine started it. */
	nodeStartedAt: number;
	/** `executionTime` of the node's task data: how long the node ran. */
	nodeMs: number;
	/** The error that stopped the workflow (e.g. the default "Stop Workflow" on an error). */
	runError: string | undefined;
	/** Its description: this node appends its account of every item of the run. */
	runErrorDescription?: string;
	/** Reference numbers of the input payments returned as error items. */
	reportedFailures: string[];
	/** Items on the node's main output. */
	outputItems: number;
}

/** What an engine child reports back. */
export interface EngineResult {
	executions: ExecutionReport[];
	/** The child's maximum resident set size in KiB: before the workflow ran, and overall. */
	startRssKb: number;
	maxRssKb: number;
}

/** The engine child prints its result on one line after this marker. */
export const RESULT_MARKER = 'BENCH_RESULT ';
