/** What the benchmark's parent and its per-run child processes agree on. */
export type Variant = 'propexo-node' | 'http-request-default' | 'http-request-batching';

/** The child prints its result on one line after this marker (n8n may print other lines). */
export const RESULT_MARKER = 'BENCH_RESULT ';
