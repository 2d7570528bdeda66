/**
 * Only a payment that may have reached Propexo is "may have been recorded": a connection that was
 * refused, a host name that does not resolve, a certificate that fails the TLS handshake, or a 429
 * followed by a stop leave the payment "not sent", safe to send again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { WorkflowExecute } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../emulator';
import { accountedItems, pairedIndexes, parseAccount, failureOf } from '../harness/account';
import {
	paymentPosts,
	runPaymentNode,
	samplePayment,
	PAYMENT_URL,
} from '../harness/paymentWorkflow';
import { useEmulator, withEmulator } from '../harness/useEmulator';

function makeItems(prefix: string, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, n) =>
		samplePayment({ reference_number: `${prefix}-${n}`, amount_in_cents: 4000 + n }),
	);
}

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('a request that cannot have reached Propexo is "not sent"', () => {
	let tls: https.Server;
	let tlsUrl: string;
	let tlsRequests = 0;
	let certDir: string;

	beforeAll(async () => {
		certDir = mkdtempSync(path.join(os.tmpdir(), 'propexo-tls-'));
		const key = path.join(certDir, 'key.pem');
		const cert = path.join(certDir, 'cert.pem');
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-keyout',
				key,
				'-out',
				cert,
				'-days',
				'1',
				'-subj',
				'/CN=127.0.0.1',
			],
			{ stdio: 'ignore' },
		);
		tls = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_, res) => {
			tlsRequests++;
			res.writeHead(201, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ meta: { job_id: 'job-from-the-self-signed-host' } }));
		});
		await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
		tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise((resolve) => tls.close(resolve));
		rmSync(certDir, { recursive: true, force: true });
	});

	const targets: Array<[string, () => Promise<string>, RegExp]> = [
		[
			'a refused connection',
			async () => `http://127.0.0.1:${await closedPort()}`,
			/connection was refused/,
		],
		['a host name that does not resolve', async () => 'https://nothing.invalid', /host name/],
		['a self-signed certificate', async () => tlsUrl, /TLS|certificate/],
	];

	it.each(targets)(
		'%s, with "Continue (using error output)": not sent, safe to run again',
		async (_, baseUrl, reason) => {
			const items = makeItems('NEVER', 2);
			const { success, errors, error } = await runPaymentNode(
				{ url: await baseUrl(), token: 'never-sent-token' },
				{ items, onError: 'continueErrorOutput' },
			);

			expect(error).toBeUndefined();
			expect(success).toEqual([]);
			expect(pairedIndexes(errors)).toEqual([0, 1]);
			for (const item of errors) {
				expect(failureOf(item).message).toMatch(reason);
				expect(failureOf(item).message).toMatch(/was not sent$/);
				expect(failureOf(item).message).not.toMatch(/may have been recorded/);
				expect(failureOf(item).details).toMatch(/nothing can have been recorded/);
			}
			expect(tlsRequests).toBe(0);
		},
	);

	it.each(targets)('%s, in stop mode: the account lists it as not sent', async (_, baseUrl) => {
		const { error } = await runPaymentNode(
			{ url: await baseUrl(), token: 'never-sent-token' },
			{ items: makeItems('NEVER-STOP', 3) },
		);

		expect(error?.message).toMatch(/was not sent$/);
		const account = parseAccount(error?.description);
		expect(account).toMatchObject({ postedCount: 0, unknownCount: 0, notSentItems: [0, 1, 2] });
		expect(accountedItems(account)).toBe(3);
		expect(tlsRequests).toBe(0);
	});

	it('a later run sends it: nothing was remembered as posted or unknown', async () => {
		await withEmulator({ rateLimit: false, writeStatusDelayMs: 50 }, async (emulator) => {
			const workflowId = 'never-sent-then-sent';
			const staticData: IDataObject = {};
			const items = makeItems('NEVER-AGAIN', 2);
			const first = await runPaymentNode(
				{ url: `http://127.0.0.1:${await closedPort()}`, token: emulator.token },
				{ items, workflowId, staticData },
			);
			expect(parseAccount(first.error?.description).notSentItems).toEqual([0, 1]);

			const second = await runPaymentNode(emulator, { items, workflowId, staticData });

			expect(second.error).toBeUndefined();
			expect(second.success.map((item) => item.json.skipped)).toEqual([undefined, undefined]);
			expect(emulator.ledger).toHaveLength(2);
		});
	});
});

describe('a 429 followed by a stop is "not sent"', () => {
	const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });
	beforeEach(() => {
		// Rate-limit headers let the node send the second and third payments together.
		emulator.setRateLimit({ limit: 1000, windowMs: 60_000, slowdownRatio: 1, slowdownMs: 0 });
	});

	it('stop mode: refused with 429, then the run stops at another failure before the resend', async () => {
		const pass: Fault = { kind: 'latency', ms: 0 };
		emulator.injectFaults(
			{ method: 'POST', path: PAYMENT_URL },
			pass,
			{ kind: 'status', status: 429 },
			{ kind: 'status', status: 400 },
		);
		const items = makeItems('RL-STOP', 3);
		const { error } = await runPaymentNode(emulator, {
			items,
			credential: { rateLimitWindowSeconds: 1 },
		});

		const posts = paymentPosts(emulator);
		const refused = posts.find((post) => post.status === 429);
		const rejected = posts.find((post) => post.status === 400);
		const refusedIndex = items.findIndex(
			(item) => item.reference_number === (refused?.body as IDataObject).reference_number,
		);
		const rejectedIndex = items.findIndex(
			(item) => item.reference_number === (rejected?.body as IDataObject).reference_number,
		);
		expect(posts).toHaveLength(3);
		const account = parseAccount(error?.description);
		expect(account).toMatchObject({ postedCount: 1, unknownCount: 0 });
		expect(account.refused.map((entry) => entry.item)).toEqual([rejectedIndex]);
		expect(account.notSentItems).toEqual([refusedIndex]);
		expect(error?.description).toMatch(/^• Not sent, nothing recorded — safe to send again: 1 /m);
	});

	it('stop mode: refused with 429 through every wait: not sent, the account says it is safe', async () => {
		emulator.setRateLimit({ limit: 1, windowMs: 60_000, slowdownRatio: 1, slowdownMs: 0 });
		await fetch(`${emulator.url}/v1/admin/integrations/?limit=1`, {
			headers: { authorization: `Bearer ${emulator.token}` },
		});
		const { error } = await runPaymentNode(emulator, {
			items: makeItems('RL-EXHAUSTED', 2),
			// The node waits ten windows: 0.2 s each here.
			credential: { rateLimitWindowSeconds: 0.2 },
		});

		expect(error?.message).toMatch(/rate limit stayed exhausted/);
		const account = parseAccount(error?.description);
		expect(account).toMatchObject({ postedCount: 0, unknownCount: 0, notSentItems: [0, 1] });
		expect(error?.description).toMatch(/^• Not sent, nothing recorded — safe to send again: 2 /m);
		expect(emulator.ledger).toEqual([]);
	});

	describe('cancelled while waiting after a 429', () => {
		let execute: jest.SpyInstance;

		beforeAll(() => {
			execute = jest.spyOn(WorkflowExecute.prototype, 'processRunExecutionData');
		});
		afterAll(async () => {
			execute.mockRestore();
			// The rate limiter's pause after the 429 ends one window later: let its timer run out.
			await new Promise((resolve) => setTimeout(resolve, 1100));
		});

		it('"Continue (using error output)": not sent, never "may have been recorded"', async () => {
			emulator.setRateLimit({ limit: 1, windowMs: 60_000, slowdownRatio: 1, slowdownMs: 0 });
			await fetch(`${emulator.url}/v1/admin/integrations/?limit=1`, {
				headers: { authorization: `Bearer ${emulator.token}` },
			});
			const running = runPaymentNode(emulator, {
				items: makeItems('RL-CANCEL', 1),
				onError: 'continueErrorOutput',
				credential: { rateLimitWindowSeconds: 1 },
			});
			// Cancel once the payment was refused, while the node waits for the next window.
			while (paymentPosts(emulator).length === 0) await new Promise((r) => setTimeout(r, 20));
			(execute.mock.results.at(-1)?.value as { cancel(): void }).cancel();
			const { errors, run } = await running;

			expect(run.status).toBe('canceled');
			expect(pairedIndexes(errors)).toEqual([0]);
			expect(failureOf(errors[0]).message).toBe('Not sent: the execution was cancelled [item 0]');
			expect(paymentPosts(emulator).map((post) => post.status)).toEqual([429]);
		});
	});
});
