import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	headers: IncomingHttpHeaders;
	body: string;
}

/**
 * A local HTTP server for a test file that takes the emulator's webhook deliveries: started before
 * its tests, closed after. `answer` gives the status of each delivery; if it throws, 500.
 */
export function useReceiver(answer: (received: Received) => number | Promise<number>): {
	readonly url: string;
} {
	let server: Server | undefined;
	let url: string | undefined;
	beforeAll(async () => {
		const started = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
				Promise.resolve()
					.then(() => answer(received))
					.then(
						(status) => res.writeHead(status).end(),
						() => res.writeHead(500).end(),
					);
			});
		});
		server = started;
		await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		if (server) await new Promise((resolve) => server?.close(resolve));
	});
	return {
		get url() {
			if (url === undefined)
				throw new Error('The receiver is used before it started (in beforeAll)');
			return url;
		},
	};
}
