import type { IHttpRequestMethods } from 'n8n-workflow';

import type { Answer, Outcome, Retry } from '../../nodes/shared/transport/classify';
import { classify, failureOutcome } from '../../nodes/shared/transport/classify';

const WRITES: IHttpRequestMethods[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

// Each answer class with the outcome it has for every method, and the retry for a read and for a
// write. A write is never sent again after a fault: only a 429 is resent, for any method.
const TABLE: Array<[string, Answer, Outcome, Retry, Retry]> = [
	['200', { status: 200 }, 'succeeded', 'no', 'no'],
	['201', { status: 201 }, 'succeeded', 'no', 'no'],
	['204', { status: 204 }, 'succeeded', 'no', 'no'],
	['301', { status: 301 }, 'unknown', 'no', 'no'],
	['302', { status: 302 }, 'unknown', 'no', 'no'],
	['303', { status: 303 }, 'unknown', 'no', 'no'],
	['304', { status: 304 }, 'unknown', 'no', 'no'],
	['307', { status: 307 }, 'rejected', 'no', 'no'],
	['308', { status: 308 }, 'rejected', 'no', 'no'],
	['400', { status: 400 }, 'rejected', 'no', 'no'],
	['401', { status: 401 }, 'rejected', 'no', 'no'],
	['403', { status: 403 }, 'rejected', 'no', 'no'],
	['404', { status: 404 }, 'rejected', 'no', 'no'],
	['409', { status: 409 }, 'rejected', 'no', 'no'],
	['422', { status: 422 }, 'rejected', 'no', 'no'],
	['429', { status: 429 }, 'rateLimited', 'afterRateLimit', 'afterRateLimit'],
	['500', { status: 500 }, 'unknown', 'afterFault', 'no'],
	['502', { status: 502 }, 'unknown', 'afterFault', 'no'],
	['503', { status: 503 }, 'unknown', 'afterFault', 'no'],
	['504', { status: 504 }, 'unknown', 'afterFault', 'no'],
	['no answer (reset, timeout)', { noAnswer: {} }, 'unknown', 'afterFault', 'no'],
	[
		'no answer, never left (refused, DNS, TLS handshake)',
		{ noAnswer: { neverSentReason: 'the connection was refused' } },
		'notSent',
		'afterFault',
		'no',
	],
];

describe('classify: the one place an answer becomes an outcome', () => {
	describe.each(TABLE)('%s', (_name, answer, outcome, readRetry, writeRetry) => {
		it(`GET: ${outcome}, retry ${readRetry}`, () => {
			expect(classify(answer, 'GET')).toEqual({ outcome, retry: readRetry });
		});

		it.each(WRITES)(`%s: ${outcome}, retry ${writeRetry}`, (method) => {
			expect(classify(answer, method)).toEqual({ outcome, retry: writeRetry });
		});
	});

	it('a failed write is recorded as not sent, rejected or unknown', () => {
		expect(failureOutcome('rateLimited')).toBe('notSent');
		expect(failureOutcome('notSent')).toBe('notSent');
		expect(failureOutcome('rejected')).toBe('rejected');
		expect(failureOutcome('unknown')).toBe('unknown');
	});
});
