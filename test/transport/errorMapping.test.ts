/** Unit tests of how Propexo's answers (and the lack of one) become the errors users read. */
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ErrorContext } from '../../nodes/shared/transport/errors';
import { toApiError, toTransportError } from '../../nodes/shared/transport/errors';
import { NoResponseError, RateLimitExhaustedError } from '../../nodes/shared/transport/errors';
import { outcomeOfNoAnswer, outcomeOfStatus } from '../../nodes/shared/transport/classify';

const node: INode = {
	id: 'payment',
	name: 'ResMan Payment',
	type: 'n8n-nodes-propexo.propexoResmanPayment',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const ADVICE =
	'Do not run this item again before checking: look for reference number PMT-7 in batch b-1.';
const write: ErrorContext = {
	itemIndex: 3,
	subject: 'the payment (reference PMT-7)',
	unknownOutcomeAdvice: ADVICE,
};
const read: ErrorContext = { itemIndex: 2, subject: 'resident payment rp-1' };

function propexoError(status: number, code: string, message: string, details?: object) {
	return { statusCode: status, body: { error: { code, message, ...(details && { details }) } } };
}

describe('toApiError', () => {
	it('400 with details: Propexo rejected it, nothing recorded, one line per field', () => {
		const error = toApiError(
			node,
			propexoError(400, 'VALIDATION_ERROR', 'Invalid request body', {
				amount_in_cents: 'must be a positive integer',
				transaction_date: ['must be ISO 8601', 'must be in the past'],
			}),
			write,
		);

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Propexo rejected the payment (reference PMT-7): Invalid request body',
		);
		expect(error.description).toBe(
			'Nothing was recorded. Correct the input named in the message and run the item again. Details: amount_in_cents: must be a positive integer; transaction_date: ["must be ISO 8601","must be in the past"].',
		);
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(3);
	});

	it('422 reads like a 400; an error given as text, or none, still gives a message', () => {
		expect(toApiError(node, propexoError(422, 'X', 'Unprocessable'), write).message).toBe(
			'Propexo rejected the payment (reference PMT-7): Unprocessable',
		);
		expect(
			toApiError(node, { statusCode: 400, body: { error: 'Resident not found' } }, write).message,
		).toBe('Propexo rejected the payment (reference PMT-7): Resident not found');
		const bare = toApiError(node, { statusCode: 400, body: '<html>Bad Request</html>' }, write);
		expect(bare.message).toBe('Propexo rejected the payment (reference PMT-7): HTTP 400');
		expect(bare.description).toBe(
			'Nothing was recorded. Correct the input named in the message and run the item again.',
		);
	});

	it.each([401, 403])('%i: the access token was refused, check the credential', (status) => {
		const error = toApiError(node, propexoError(status, 'UNAUTHORIZED', 'Invalid token'), write);

		expect(error.message).toBe(`Propexo refused the access token (${status}): Invalid token`);
		expect(error.description).toMatch(/Open the Propexo credential and check the Access Token/);
		expect(error.httpCode).toBe(String(status));
	});

	it('404: could not find the subject, check the ID and environment', () => {
		const error = toApiError(node, propexoError(404, 'NOT_FOUND', 'No such record'), read);

		expect(error.message).toBe('Propexo could not find resident payment rp-1: No such record');
		expect(error.description).toMatch(/Check the ID, and that the credential points at/);
		expect(error.context.itemIndex).toBe(2);
	});

	it('429: the rate limit, nothing was recorded', () => {
		const error = toApiError(node, propexoError(429, 'RATE_LIMIT_EXCEEDED', 'Slow down'), write);

		expect(error.message).toBe("Propexo's rate limit is exhausted: Slow down");
		expect(error.description).toMatch(/nothing was recorded and it is safe to run this item again/);
	});

	it.each([500, 502, 503, 504])(
		'%i on a write: may have been recorded, with the advice',
		(status) => {
			const error = toApiError(node, propexoError(status, 'INTERNAL', 'Oops'), write);

			expect(error.message).toBe(
				`Propexo answered with a server error (${status}) — the payment (reference PMT-7) may have been recorded`,
			);
			expect(error.description).toBe(ADVICE);
			expect(error.httpCode).toBe(String(status));
		},
	);

	it.each([500, 503])('%i on a read: Propexo is having trouble, try again later', (status) => {
		const error = toApiError(node, propexoError(status, 'INTERNAL', 'Oops'), read);

		expect(error.message).toBe(`Propexo is having trouble (${status}): Oops`);
		expect(error.description).toMatch(/tried 3 times/);
		expect(error.message).not.toMatch(/may have been recorded/);
	});

	it.each([409, 418])("%i: the status and Propexo's message", (status) => {
		expect(toApiError(node, propexoError(status, 'X', 'Something'), read).message).toBe(
			`Propexo answered ${status}: Something`,
		);
	});

	it.each([307, 308])('%i on a write: refused, nothing recorded, not followed', (status) => {
		const response = {
			...propexoError(status, 'X', 'Moved'),
			headers: { location: 'https://elsewhere.example/v1/x?token=1' },
		};
		const error = toApiError(node, response, write);

		expect(outcomeOfStatus(status)).toBe('rejected');
		expect(error.message).toBe(
			`The Base URL redirects (${status}) — the payment (reference PMT-7) was not sent on to https://elsewhere.example`,
		);
		expect(error.description).toMatch(/never follows a redirect/);
		expect(error.description).toMatch(/Nothing was recorded/);
		expect(error.description).not.toContain('token=1');
	});

	it.each([300, 301, 302, 303, 304])('%i on a write: may have been recorded', (status) => {
		const error = toApiError(node, propexoError(status, 'X', 'Moved'), write);

		expect(outcomeOfStatus(status)).toBe('unknown');
		expect(error.message).toBe(
			`The Base URL redirects (${status}) — the payment (reference PMT-7) may have been recorded`,
		);
		expect(error.description).toMatch(new RegExp(`${ADVICE.replace(/[.]/g, '\\.')}$`));
	});

	it('a 429 is not sent, a 4xx rejected, a 5xx unknown', () => {
		expect([429, 400, 404, 500, 503].map(outcomeOfStatus)).toEqual([
			'notSent',
			'rejected',
			'rejected',
			'unknown',
			'unknown',
		]);
	});

	it('keeps its own message whatever the reference number or Propexo says', () => {
		// Was a bug, fixed by nodes/shared/errors.ts: n8n's NodeError replaces any message that contains ECONNRESET, EPERM, EACCES,
		// ENOENT, EEXIST, ETIMEDOUT… (case-insensitively) with a generic text. A reference number
		// such as "KEEPERMAN-7" turned "… may have been recorded" into "Operation not permitted,
		// make sure you have the right permissions". Fix in errors.ts: set error.message again
		// after constructing each NodeApiError (see the report).
		const subject = { ...write, subject: 'the payment (reference KEEPERMAN-7)' };
		const unknown = toApiError(node, propexoError(503, 'X', 'Oops'), subject);
		expect(unknown.message).toBe(
			'Propexo answered with a server error (503) — the payment (reference KEEPERMAN-7) may have been recorded',
		);
		const refused = toApiError(node, propexoError(400, 'X', 'upstream ECONNRESET'), write);
		expect(refused.message).toBe(
			'Propexo rejected the payment (reference PMT-7): upstream ECONNRESET',
		);
		const timedOut = toTransportError(node, new NoResponseError('ETIMEDOUT', true), subject);
		expect(timedOut.message).toBe(
			'The request to Propexo timed out — the payment (reference KEEPERMAN-7) may have been recorded',
		);
	});
});

describe('toTransportError', () => {
	it.each([
		['ECONNRESET', false, 'lost the connection before an answer came'],
		[undefined, false, 'lost the connection before an answer came'],
		['ECONNABORTED', true, 'timed out'],
		['ETIMEDOUT', true, 'timed out'],
	] as const)('%s (timed out: %s) on a write: may have been recorded', (code, timedOut, what) => {
		const error = toTransportError(node, new NoResponseError(code, timedOut), write);

		expect(error.message).toBe(
			`The request to Propexo ${what} — the payment (reference PMT-7) may have been recorded`,
		);
		expect(error.description).toBe(ADVICE);
		expect(error.context.itemIndex).toBe(3);
		// The raw code stays out of the message (n8n would swap it for its own generic text).
		if (code) expect(error.message).not.toContain(code);
	});

	it.each([
		['ECONNREFUSED', undefined, 'the connection was refused'],
		['ENOTFOUND', undefined, 'the host name could not be resolved'],
		['EAI_AGAIN', undefined, 'the host name could not be resolved'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', undefined, 'the certificate was not accepted'],
		['CERT_HAS_EXPIRED', undefined, 'the certificate was not accepted'],
		['ERR_TLS_CERT_ALTNAME_INVALID', undefined, 'the certificate was not accepted'],
		['EPROTO', 'write EPROTO …:ssl3_get_record:wrong version number', 'handshake failed'],
		['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'sslv3 alert handshake failure', 'handshake failed'],
	] as const)('%s on a write: not sent, nothing can have been recorded', (code, text, reason) => {
		const failure = new NoResponseError(code, false, text);
		const error = toTransportError(node, failure, write);

		expect(outcomeOfNoAnswer(failure)).toBe('notSent');
		expect(error.message).toMatch(
			/^Could not reach Propexo: .* — the payment \(reference PMT-7\) was not sent$/,
		);
		expect(error.message).toContain(reason);
		expect(error.description).toMatch(
			/^Nothing reached Propexo, so nothing can have been recorded/,
		);
		expect(error.message).not.toContain(code);
	});

	it.each([
		['ECONNRESET', undefined],
		['EPIPE', undefined],
		['EPROTO', 'decryption failed or bad record mac'],
		['ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', 'decryption failed or bad record mac'],
		[undefined, 'socket hang up'],
	] as const)('%s (%s) may have reached Propexo: unknown', (code, text) => {
		expect(outcomeOfNoAnswer(new NoResponseError(code, false, text))).toBe('unknown');
	});

	it('a timeout is unknown, whatever its code', () => {
		expect(outcomeOfNoAnswer(new NoResponseError('ECONNREFUSED', true))).toBe('unknown');
	});

	it('on a read: says what happened and what to check', () => {
		const error = toTransportError(node, new NoResponseError('ETIMEDOUT', true), read);

		expect(error.message).toBe('The request to Propexo timed out');
		expect(error.description).toMatch(/Check the network, the Base URL of the credential/);
		expect(error.message).not.toMatch(/may have been recorded/);
	});

	it('a rate limit that never lifted: nothing recorded, safe to run again', () => {
		const error = toTransportError(node, new RateLimitExhaustedError(180_400), write);

		expect(error.message).toBe("Propexo's rate limit stayed exhausted for 180 s");
		expect(error.httpCode).toBe('429');
		expect(error.description).toMatch(/nothing was recorded and it is safe to run this item again/);
		expect(error.message).not.toMatch(/may have been recorded/);
	});
});

describe('no token in what users see', () => {
	const TOKEN = 'sk_live_9f8e7d6c5b4a';

	/** Everything of an error that n8n shows or stores with the execution. */
	function everything(error: NodeApiError): string {
		return JSON.stringify({ ...error, message: error.message, description: error.description });
	}

	it('an error built without the token never contains it', () => {
		const errors = [
			toApiError(node, propexoError(401, 'UNAUTHORIZED', 'Invalid token'), write),
			toApiError(node, propexoError(503, 'X', 'Oops'), write),
			toTransportError(node, new NoResponseError('ECONNRESET', false), write),
		];
		for (const error of errors) {
			expect(everything(error)).not.toContain(TOKEN);
			expect(everything(error)).not.toMatch(/authorization|bearer/i);
		}
	});

	it('a NoResponseError keeps only the failure code of what went wrong', () => {
		const error = new NoResponseError('ECONNRESET', false);
		expect(Object.keys(error).sort()).toEqual(['code', 'name', 'neverSentReason', 'timedOut']);
	});

	it('a 401 whose body echoes the Authorization header does not show the token', () => {
		// Was a bug, fixed by scrubbing in transport/errors.ts: toApiError copied Propexo's error message and details into the message, the
		// description and the stored error unfiltered, so a gateway that echoes the request's
		// Authorization header puts the access token in the execution data. Fix in errors.ts: mask
		// "Bearer <token>" and drop header-like details (authorization, headers) before use.
		const error = toApiError(
			node,
			propexoError(401, 'UNAUTHORIZED', `Invalid token: Bearer ${TOKEN}`, {
				authorization: `Bearer ${TOKEN}`,
			}),
			write,
		);
		expect(everything(error)).not.toContain(TOKEN);
	});
});
