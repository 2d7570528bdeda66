/**
 * The access token goes to the credential's base URL and nowhere else: no redirect is followed,
 * and a custom base URL must be https (plain http only for the local emulator).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { pairedIndexes, parseAccount, failureOf } from '../harness/account';
import { InMemoryCredentialsHelper } from '../harness/credentialsHelper';
import { testCredential } from '../harness/engine';
import { runPaymentNode, samplePayment } from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const OTHER_JOB_ID = 'job-from-the-other-host';
const TOKEN = 'token-for-propexo-only';

interface LocalServer {
	url: string;
	requests: http.IncomingMessage[];
	close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<LocalServer> {
	const requests: http.IncomingMessage[] = [];
	const server = http.createServer((req, res) => {
		requests.push(req);
		handler(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

let other: LocalServer;
let redirectStatus = 307;
let redirecting: LocalServer;

beforeAll(async () => {
	other = await listen((_, res) => {
		res.writeHead(201, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ meta: { job_id: OTHER_JOB_ID }, result: {} }));
	});
	redirecting = await listen((req, res) => {
		res.writeHead(redirectStatus, { location: `${other.url}${req.url ?? '/'}` });
		res.end();
	});
});
afterAll(async () => {
	await other.close();
	await redirecting.close();
});
beforeEach(() => {
	other.requests.length = 0;
	redirecting.requests.length = 0;
	redirectStatus = 307;
});

const propexo = () => ({ url: redirecting.url, token: TOKEN });

function makeItems(prefix: string, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, n) =>
		samplePayment({ reference_number: `${prefix}-${n}` }),
	);
}

describe('a redirect is never followed', () => {
	it('307 on a payment: refused, nothing recorded, the other host receives nothing', async () => {
		const { success, errors } = await runPaymentNode(propexo(), {
			items: makeItems('REDIRECT-307', 2),
			onError: 'continueErrorOutput',
		});

		expect(other.requests).toHaveLength(0);
		expect(redirecting.requests).toHaveLength(2);
		expect(success).toEqual([]);
		expect(pairedIndexes(errors)).toEqual([0, 1]);
		expect(failureOf(errors[0]).message).toMatch(
			/^The Base URL redirects \(307\) — the payment \(reference REDIRECT-307-0\) was not sent on to/,
		);
		expect(failureOf(errors[0]).details).toMatch(/never follows a redirect/);
		expect(failureOf(errors[0]).details).toMatch(/Nothing was recorded/);
		expect(JSON.stringify(errors)).not.toContain(OTHER_JOB_ID);
	});

	it('307 in stop mode: listed as refused, not posted', async () => {
		const { error } = await runPaymentNode(propexo(), { items: makeItems('REDIRECT-STOP', 3) });

		expect(other.requests).toHaveLength(0);
		const account = parseAccount(error?.description);
		expect(account).toMatchObject({ postedCount: 0, unknownCount: 0, refusedCount: 1 });
		expect(error?.description).not.toContain(OTHER_JOB_ID);
	});

	it('303 on a payment: may have been processed, so "may have been recorded"', async () => {
		redirectStatus = 303;
		const { errors } = await runPaymentNode(propexo(), {
			items: makeItems('REDIRECT-303', 1),
			onError: 'continueErrorOutput',
		});

		expect(other.requests).toHaveLength(0);
		expect(failureOf(errors[0]).message).toMatch(
			/^The Base URL redirects \(303\) — .* may have been recorded$/,
		);
	});

	it('301 on a read: an error, the other host receives nothing', async () => {
		redirectStatus = 301;
		const { error, success } = await runPaymentNode(propexo(), {
			items: [{}],
			parameters: { operation: 'getMany', integrationId: 'integration-1', limit: 1 },
		});

		expect(success).toEqual([]);
		expect(error?.message).toMatch(/^The Base URL redirects \(301\)/);
		expect(other.requests).toHaveLength(0);
	});

	it('the credential test does not follow a redirect either', async () => {
		const result = await testCredential('propexoApi', {
			accessToken: TOKEN,
			environment: 'custom',
			baseUrl: redirecting.url,
		});

		expect(result.status).toBe('Error');
		expect(redirecting.requests).toHaveLength(1);
		expect(other.requests).toHaveLength(0);
	});
});

describe('a custom base URL must be https, but for the local emulator', () => {
	const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });
	let authenticate: jest.SpyInstance;

	beforeAll(() => {
		authenticate = jest.spyOn(InMemoryCredentialsHelper.prototype, 'authenticate');
	});
	afterAll(() => authenticate.mockRestore());
	beforeEach(() => authenticate.mockClear());

	it.each(['http://example.com', 'http://127.0.0.2:4010', 'ftp://127.0.0.1', 'not a url'])(
		'%s is refused before any request',
		async (baseUrl) => {
			const { error } = await runPaymentNode(
				{ url: baseUrl, token: TOKEN },
				{ items: makeItems('PLAIN-HTTP', 2) },
			);

			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(/^The credential's Base URL .* is not allowed/);
			expect(error?.description).toMatch(/https:\/\//);
			expect(error?.description).toMatch(/http:\/\/127\.0\.0\.1/);
			expect(parseAccount(error?.description)).toMatchObject({ notSentItems: [0, 1] });
			expect(authenticate).not.toHaveBeenCalled();
		},
	);

	it('the credential test fails with a clear message', async () => {
		const result = await testCredential('propexoApi', {
			accessToken: TOKEN,
			environment: 'custom',
			baseUrl: 'http://example.com',
		});

		expect(result).toMatchObject({ status: 'Error' });
		expect((result as { message: string }).message).toMatch(/Base URL .* https:\/\//);
	});

	it('http://localhost:PORT is accepted', async () => {
		const port = new URL(emulator.url).port;
		const { success, error } = await runPaymentNode(
			{ url: `http://localhost:${port}`, token: emulator.token },
			{ items: makeItems('LOCALHOST', 1) },
		);

		expect(error).toBeUndefined();
		expect(success).toHaveLength(1);
		expect(emulator.ledger).toHaveLength(1);
	});

	it('http://127.0.0.1:PORT is accepted, by the node and the credential test', async () => {
		const { success } = await runPaymentNode(emulator, { items: makeItems('LOOPBACK', 1) });
		expect(success).toHaveLength(1);
		const result = await testCredential('propexoApi', {
			accessToken: emulator.token,
			environment: 'custom',
			baseUrl: emulator.url,
		});
		expect(result).toEqual({ status: 'OK' });
	});
});
