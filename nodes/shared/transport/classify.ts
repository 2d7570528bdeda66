import type { IHttpRequestMethods } from 'n8n-workflow';

/**
 * What an answer from Propexo means, decided here and nowhere else. The transport, the write
 * engine and the ledger act on the verdict; error messages read their numbers from the constants
 * below.
 *
 * - `succeeded`: a 2xx (for a write: posted);
 * - `rejected`: Propexo answered that it did not record it;
 * - `rateLimited`: a 429, refused unprocessed: not sent;
 * - `notSent`: it never reached Propexo;
 * - `unknown`: it may have been recorded, so a write must never be sent again unchecked.
 */
export type Outcome = 'succeeded' | 'rejected' | 'rateLimited' | 'notSent' | 'unknown';

/** What a failed request may have done at Propexo, as the write engine records it. */
export type FailureOutcome = 'notSent' | 'rejected' | 'unknown';

/**
 * What the transport does next: wait for the rate limit and send again (a 429 never recorded
 * anything, whatever the method), try a read again after a pause, or stop. A write is never
 * resent after a fault: it may already have moved money.
 */
export type Retry = 'afterRateLimit' | 'afterFault' | 'no';

export interface Verdict {
	outcome: Outcome;
	retry: Retry;
}

/** An HTTP status, or no answer at all (with why the request never left, when it never did). */
export type Answer = { status: number } | { noAnswer: { neverSentReason?: string } };

/** How many times a read is tried when it gets no answer or a 5xx. */
export const READ_ATTEMPTS = 3;

/** The pause before a read's attempt number `attempt` (1 = the first retry), in ms. */
export function readRetryDelayMs(attempt: number): number {
	return 500 * 2 ** attempt;
}

/** How many rate-limit windows a request may wait through 429s before it is given up, unsent. */
export const RATE_LIMIT_WINDOWS = 10;

/** The one decision: what an answer to a request with this method means, and what comes next. */
export function classify(answer: Answer, method: IHttpRequestMethods): Verdict {
	const outcome = outcomeOf(answer);
	return { outcome, retry: retryOf(answer, outcome, method) };
}

function outcomeOf(answer: Answer): Outcome {
	if ('noAnswer' in answer) {
		return answer.noAnswer.neverSentReason === undefined ? 'unknown' : 'notSent';
	}
	const { status } = answer;
	if (status < 300) return 'succeeded';
	if (status === 429) return 'rateLimited';
	// 307 and 308 tell the client to repeat the same request elsewhere, so the server did not act
	// on it; any other redirect may follow a processed request (303, and 301/302 as many use them).
	if (status === 307 || status === 308) return 'rejected';
	if (status >= 400 && status < 500) return 'rejected';
	return 'unknown';
}

function retryOf(answer: Answer, outcome: Outcome, method: IHttpRequestMethods): Retry {
	if (outcome === 'rateLimited') return 'afterRateLimit';
	// Only a read is tried again after a fault (no answer, or a 5xx): it cannot move money.
	const fault = 'noAnswer' in answer || answer.status >= 500;
	return method === 'GET' && fault ? 'afterFault' : 'no';
}

/** What a failed request's error is marked with: a 429 that was given up on was not sent. */
export function failureOutcome(outcome: Outcome): FailureOutcome {
	if (outcome === 'rateLimited' || outcome === 'notSent') return 'notSent';
	if (outcome === 'rejected') return 'rejected';
	return 'unknown';
}

/** A connection failure without an answer: unknown, unless the request never left. */
export function outcomeOfNoAnswer(failure: { neverSentReason?: string }): FailureOutcome {
	return failureOutcome(outcomeOf({ noAnswer: failure }));
}

/** An answer that is not a success, as a failed write records it. */
export function outcomeOfStatus(status: number): FailureOutcome {
	return failureOutcome(outcomeOf({ status }));
}

// Certificate checks belong to the TLS handshake, which ends before the request is written.
const CERTIFICATE =
	/^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT(_LOCALLY)?|GET_CRL|DECRYPT_CERT_SIGNATURE|DECODE_ISSUER_PUBLIC_KEY)$|HOSTNAME_MISMATCH$|ERR_TLS_CERT_ALTNAME_INVALID$)/;

// Other TLS failures can also break a connection after the request went out: only those whose
// message names a handshake failure count as never sent.
const OTHER_TLS = /^(EPROTO|ERR_SSL_|ERR_TLS_)/;
const HANDSHAKE_FAILURE =
	/handshake|wrong version number|unsupported protocol|no protocols available|unknown protocol/i;

/**
 * Why a connection failed before anything of the request can have reached the server, or
 * undefined when something may have.
 */
export function neverSentReason(code: string | undefined, message = ''): string | undefined {
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved';
	if (code === undefined) return undefined;
	if (CERTIFICATE.test(code)) return 'the TLS handshake failed: the certificate was not accepted';
	if (OTHER_TLS.test(code) && HANDSHAKE_FAILURE.test(message)) return 'the TLS handshake failed';
	return undefined;
}

const outcomes = new WeakMap<object, FailureOutcome>();

/** Marks an error thrown by the transport with what its request may have done. */
export function withOutcome<E extends object>(error: E, outcome: FailureOutcome): E {
	outcomes.set(error, outcome);
	return error;
}

/** What a failed request that was handed to the network may have done: unknown unless known. */
export function outcomeOfError(error: unknown): FailureOutcome {
	if (typeof error !== 'object' || error === null) return 'unknown';
	return outcomes.get(error) ?? 'unknown';
}
