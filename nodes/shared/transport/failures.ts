/** No answer came back: the request may or may not have reached Propexo. */
export class NoResponseError extends Error {
	constructor(
		readonly code: string | undefined,
		readonly timedOut: boolean,
	) {
		super(timedOut ? 'The request to Propexo timed out' : 'The connection to Propexo failed');
		this.name = 'NoResponseError';
	}
}

/** Propexo's rate limit stayed exhausted for longer than we are willing to wait. */
export class RateLimitExhaustedError extends Error {
	constructor(readonly waitedMs: number) {
		super('Propexo rate limit still exhausted');
		this.name = 'RateLimitExhaustedError';
	}
}
