import { neverSentReason } from './classify';

/** No answer came back: the request may or may not have reached Propexo. */
export class NoResponseError extends Error {
	/** Set when the connection failed before anything of the request can have reached Propexo. */
	readonly neverSentReason: string | undefined;

	constructor(
		readonly code: string | undefined,
		readonly timedOut: boolean,
		/** The system's own text for the failure: read to classify it, never shown. */
		systemMessage?: string,
	) {
		super(timedOut ? 'The request to Propexo timed out' : 'The connection to Propexo failed');
		this.name = 'NoResponseError';
		this.neverSentReason = timedOut ? undefined : neverSentReason(code, systemMessage);
	}
}

/** Propexo's rate limit stayed exhausted for longer than we are willing to wait. */
export class RateLimitExhaustedError extends Error {
	constructor(readonly waitedMs: number) {
		super('Propexo rate limit still exhausted');
		this.name = 'RateLimitExhaustedError';
	}
}
