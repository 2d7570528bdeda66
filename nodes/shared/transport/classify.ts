/**
 * What a failed request may have done at Propexo, decided here and nowhere else:
 * - `notSent`: it cannot have been recorded (it never reached Propexo, or Propexo refused it
 *   unprocessed), so it is safe to send again;
 * - `rejected`: Propexo answered that it did not record it;
 * - `unknown`: it may have been recorded, so it must never be sent again unchecked.
 */
export type FailureOutcome = 'notSent' | 'rejected' | 'unknown';

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

/** A connection failure without an answer: unknown, unless the request never left. */
export function outcomeOfNoAnswer(failure: { neverSentReason?: string }): FailureOutcome {
	return failure.neverSentReason === undefined ? 'unknown' : 'notSent';
}

/**
 * An answer that is not a success. 429 is Propexo's rate limit: refused unprocessed. 307 and 308
 * tell the client to repeat the same request elsewhere, so the server did not act on it; any
 * other redirect may follow a processed request (303, and 301/302 as many servers use them).
 */
export function outcomeOfStatus(status: number): FailureOutcome {
	if (status === 429) return 'notSent';
	if (status === 307 || status === 308) return 'rejected';
	if (status >= 300 && status < 400) return 'unknown';
	if (status >= 400 && status < 500) return 'rejected';
	return 'unknown';
}

const outcomes = new WeakMap<object, FailureOutcome>();

/** Marks an error thrown by the transport with what its request may have done. */
export function withOutcome<E extends object>(error: E, outcome: FailureOutcome): E {
	outcomes.set(error, outcome);
	return error;
}

/** What a failed request that was handed to the network may have done: unknown unless known. */
export function classify(error: unknown): FailureOutcome {
	if (typeof error !== 'object' || error === null) return 'unknown';
	return outcomes.get(error) ?? 'unknown';
}
