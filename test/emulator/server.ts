/**
 * The HTTP server: request log, auth, rate limit, latency, faults, then the API router.
 * Always binds 127.0.0.1.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control';
import { ApiError, errorResponse, genericError, type ApiResponse } from './errors';
import { FaultQueue, withoutJobId } from './faults';
import { RateLimiter } from './rate-limit';
import { Router } from './router';
import { apiRoutes } from './routes';
import { SEED, buildSeed } from './seed';
import { Store } from './store';
import { emitSettled } from './events';
import { Webhooks } from './webhooks';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest } from './types';

const MAX_BODY_BYTES = 1_000_000;
const CONTROL_PREFIX = '/__emulator/';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const token = options.token ?? 'emulator-token';
	const seed = options.seed?.extraIntegrations ? buildSeed(options.seed) : SEED;
	const store = new Store(seed, options.writeStatusDelayMs ?? 1000);
	store.setMaxBatchSize(options.maxBatchSize);
	const limiter = new RateLimiter(options.rateLimit);
	const faults = new FaultQueue();
	const webhooks = new Webhooks();
	if (options.webhooks) webhooks.configure(options.webhooks);
	const router = new Router([...apiRoutes, ...webhooks.routes]);
	const timers = new Set<NodeJS.Timeout>();
	// Jobs settle when due, not only on the next request, so that their webhooks go out on time.
	store.onJobCreated = (job) => {
		const timer = setTimeout(
			() => {
				timers.delete(timer);
				// A timer may fire a millisecond before Date.now() reaches the due time.
				store.settle(Math.max(Date.now(), job.dueAt));
			},
			Math.max(0, job.dueAt - Date.now()),
		);
		timer.unref();
		timers.add(timer);
	};
	store.onSettled = (job, records) => emitSettled(webhooks, job, records);

	const sleep = (ms: number) =>
		ms <= 0
			? Promise.resolve()
			: new Promise<void>((resolve) => {
					const timer = setTimeout(() => {
						timers.delete(timer);
						resolve();
					}, ms);
					timers.add(timer);
				});

	const latency = (): number => {
		const l = options.latencyMs ?? 0;
		return Array.isArray(l) ? l[0] + Math.random() * (l[1] - l[0]) : l;
	};

	const reset = () => {
		store.reset();
		webhooks.reset();
		faults.clear();
		limiter.reset();
	};

	async function handleApi(
		req: IncomingMessage,
		res: ServerResponse,
		path: string,
		query: Record<string, string>,
	) {
		const method = req.method ?? 'GET';
		const authorized = isAuthorized(req.headers.authorization, token);
		const record: RecordedRequest = {
			id: store.newRequestId(),
			method,
			path,
			query,
			body: null,
			status: 0,
			at: Date.now(),
			authorized,
		};
		store.requests.push(record);
		const raw = await readBody(req);
		const parsed = parseJson(raw.text);
		record.body = parsed.value;

		let response: ApiResponse | undefined;
		let headers: Record<string, string> = {};
		let drop = false;
		await sleep(latency());
		if (raw.tooLarge) {
			response = errorResponse(413, 'PAYLOAD_TOO_LARGE', 'Request body is larger than 1 MB');
		} else if (!authorized) {
			response = genericError(401);
		} else {
			const decision = limiter.hit(token, Date.now());
			headers = decision.headers;
			if (decision.limited) {
				response = genericError(429);
			} else {
				await sleep(decision.delayMs);
				const fault: Fault | undefined = faults.take(method, path);
				if (fault?.kind === 'latency') await sleep(fault.ms);
				if (fault?.kind === 'drop-before') {
					drop = true;
				} else if (fault?.kind === 'status') {
					response =
						fault.body === undefined
							? genericError(fault.status)
							: { status: fault.status, body: fault.body };
				} else {
					response = dispatch(method, path, query, parsed, req.headers['content-type'] ?? '');
					if (fault?.kind === 'drop-after') drop = true;
					if (fault?.kind === 'status-after') response = genericError(fault.status);
					if (fault?.kind === 'no-job-id') response = withoutJobId(response, fault.status);
				}
			}
		}
		if (drop || !response) {
			req.socket.destroy();
		} else {
			record.status = response.status;
			send(res, response, headers);
		}
		options.onRequest?.(record);
	}

	function dispatch(
		method: string,
		path: string,
		query: Record<string, string>,
		parsed: { value: unknown; error?: string },
		contentType: string,
	): ApiResponse {
		try {
			const now = Date.now();
			store.settle(now);
			const { handler, params } = router.resolve(method, path);
			return handler({
				method,
				path,
				params,
				query,
				body: parsed.error ? undefined : (parsed.value ?? undefined),
				bodyError: parsed.error,
				contentType,
				store,
				now,
			});
		} catch (error) {
			if (error instanceof ApiError) {
				const response = error.toResponse();
				const allow = (error as ApiError & { allow?: string }).allow;
				return allow ? { ...response, headers: { allow } } : response;
			}
			console.error('[propexo-emulator] handler crashed:', error);
			return genericError(500);
		}
	}

	async function handleControlRequest(req: IncomingMessage, res: ServerResponse, path: string) {
		const parsed = parseJson((await readBody(req)).text);
		let response: ApiResponse;
		try {
			response = handleControl(req.method ?? 'GET', path, parsed.value, {
				store,
				faults,
				reset,
				setRateLimit: (rl) => limiter.configure(rl),
				webhooks,
			});
		} catch (error) {
			response = error instanceof ApiError ? error.toResponse() : genericError(500);
		}
		send(res, response, {});
	}

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname;
		const work = path.startsWith(CONTROL_PREFIX)
			? handleControlRequest(req, res, path)
			: handleApi(req, res, path, Object.fromEntries(url.searchParams));
		work.catch((error) => {
			console.error('[propexo-emulator] request failed:', error);
			if (!res.headersSent) send(res, genericError(500), {});
		});
	});
	server.keepAliveTimeout = 5_000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		token,
		requests: store.requests,
		ledger: store.ledger,
		chargeLedger: store.chargeLedger,
		injectFaults: (match, ...list) => faults.add(match, list),
		setRateLimit: (rl) => limiter.configure(rl),
		setMaxBatchSize: (max) => store.setMaxBatchSize(max),
		webhooks,
		reset,
		close: () =>
			new Promise<void>((resolve, reject) => {
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				webhooks.close();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}

function isAuthorized(header: string | undefined, token: string): boolean {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match !== null && match[1] === token;
}

/** Reads the body as text; beyond MAX_BODY_BYTES it is discarded and `tooLarge` set. */
function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => {
			const tooLarge = size > MAX_BODY_BYTES;
			resolve({ text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge });
		});
		req.on('error', reject);
	});
}

function parseJson(raw: string): { value: unknown; error?: string } {
	if (raw.trim() === '') return { value: null };
	try {
		return { value: JSON.parse(raw) };
	} catch (error) {
		return { value: raw, error: (error as Error).message };
	}
}

function send(res: ServerResponse, response: ApiResponse, headers: Record<string, string>): void {
	const json = JSON.stringify(response.body);
	res.writeHead(response.status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(json),
		...headers,
		...response.headers,
	});
	res.end(json);
}
