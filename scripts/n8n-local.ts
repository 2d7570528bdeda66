/**
 * Shared settings for running a real, local n8n with this package loaded.
 *
 * n8n is installed by `scripts/n8n-install.ts` into the git-ignored `.n8n-local/` folder, never
 * as a dependency of the package. n8n 2.x needs Node >= 24; when the machine's Node is older, a
 * Node 24 binary is installed from the npm registry (package `node-<platform>-<arch>`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, lstatSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** The n8n version the dev command and the e2e tests use (2.41.3 does not install). */
export const N8N_VERSION = process.env.N8N_LOCAL_VERSION ?? '2.40.7';
/** The Node 24 used to run n8n when the machine's Node is older. */
export const NODE24_VERSION = '24.21.0';

export const ROOT = path.resolve(__dirname, '..');
export const LOCAL_DIR = path.join(ROOT, '.n8n-local');
export const N8N_DIR = path.join(LOCAL_DIR, `n8n-${N8N_VERSION}`);
export const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
export const NODE_DIR = path.join(LOCAL_DIR, `node-${NODE24_VERSION}`);
export const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;
const NODE24_BIN = path.join(NODE_DIR, 'node_modules', NODE_PACKAGE, 'bin', 'node');

/** Fixed, local-only key so imported credentials stay readable across restarts. */
export const N8N_ENCRYPTION_KEY = 'n8n-nodes-propexo-local-only-encryption-key';

export const PACKAGE_NAME = 'n8n-nodes-propexo';
export const NODE_TYPE = `${PACKAGE_NAME}.propexoResmanPayment`;
export const CREDENTIAL_TYPE = 'propexoApi';

export function nodeMajor(version: string): number {
	return Number(version.replace(/^v/, '').split('.')[0]);
}

/** The Node binary that runs n8n: the machine's own if it is new enough, else the local Node 24. */
export function nodeBinary(): string {
	if (nodeMajor(process.version) >= 24) return process.execPath;
	return NODE24_BIN;
}

export function needsLocalNode(): boolean {
	return nodeMajor(process.version) < 24;
}

export const NODE24_BINARY = NODE24_BIN;

/**
 * Environment for an n8n process: its own user folder, loopback only, and every outbound call
 * (telemetry, version notifications, templates, community-package lookups, ...) switched off.
 */
export function n8nEnv(userFolder: string, port: number, extra: Record<string, string> = {}) {
	const nodeBin = nodeBinary();
	const env: Record<string, string> = {
		// Keep the child's environment lean but working.
		PATH: `${path.dirname(nodeBin)}:${process.env.PATH ?? ''}`,
		HOME: process.env.HOME ?? userFolder,
		LANG: process.env.LANG ?? 'C.UTF-8',
		TZ: process.env.TZ ?? 'UTC',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		// No outbound calls.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_DIAGNOSTICS_POSTHOG_API_HOST: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		// Task runners (the Code node): internal mode, broker on its own port next to n8n's.
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_RUNNERS_TASK_TIMEOUT: '60',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',
		// Modules that call n8n's servers on their own (the MCP server registry refresh).
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		...extra,
	};
	return env;
}

/**
 * The package folder linked into n8n: the repo root with its built `dist/` (N8N_LINK_PACKAGE_DIR
 * overrides it, e.g. to try a packed or patched copy).
 */
export const PACKAGE_DIR = process.env.N8N_LINK_PACKAGE_DIR
	? path.resolve(process.env.N8N_LINK_PACKAGE_DIR)
	: ROOT;

/** Link the package into n8n's community-nodes folder (as `npm install` in Settings would put it). */
export function linkPackage(userFolder: string): string {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const modulesDir = path.join(nodesDir, 'node_modules');
	mkdirSync(modulesDir, { recursive: true });
	const link = path.join(modulesDir, PACKAGE_NAME);
	let ok = false;
	try {
		ok = lstatSync(link).isSymbolicLink() && readlinkSync(link) === PACKAGE_DIR;
	} catch {
		ok = false;
	}
	if (!ok) {
		rmSync(link, { recursive: true, force: true });
		symlinkSync(PACKAGE_DIR, link, 'dir');
	}
	return link;
}

export function assertBuilt(): void {
	const nodeFile = path.join(
		PACKAGE_DIR,
		'dist',
		'nodes',
		'PropexoResmanPayment',
		'PropexoResmanPayment.node.js',
	);
	if (!existsSync(nodeFile)) {
		throw new Error(`The package is not built (${nodeFile} is missing): run \`npm run build\``);
	}
}

export interface N8nRunResult {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

/** Runs one n8n CLI command (`import:workflow`, `execute`, ...) to completion. */
export function runN8n(
	args: string[],
	options: { userFolder: string; port: number; env?: Record<string, string>; timeoutMs?: number },
): Promise<N8nRunResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBinary(), [N8N_BIN, ...args], {
			cwd: options.userFolder,
			env: n8nEnv(options.userFolder, options.port, options.env),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
		}, options.timeoutMs ?? 120_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr, ms: Date.now() - started });
		});
	});
}

export interface N8nServer {
	url: string;
	process: ChildProcess;
	/** Everything the server printed so far. */
	log(): string;
	stop(): Promise<void>;
	/** `kill -9` of n8n and its task runners (its whole process group), as a crash would. */
	kill(): Promise<void>;
}

/**
 * Starts `n8n start` (or `n8n worker`) and resolves once `/healthz/readiness` answers 200. A
 * worker serves it on its own port: pass `readyUrl` (and QUEUE_HEALTH_CHECK_* in `env`).
 */
export async function startN8n(options: {
	userFolder: string;
	port: number;
	env?: Record<string, string>;
	/** Called with each chunk n8n prints (stdout and stderr). */
	onOutput?: (text: string) => void;
	timeoutMs?: number;
	/** 'start' (default) or 'worker' (queue mode). */
	command?: 'start' | 'worker';
	/** Where readiness is asked (default: the server's own /healthz/readiness). */
	readyUrl?: string;
}): Promise<N8nServer> {
	const url = `http://127.0.0.1:${options.port}`;
	const readyUrl = options.readyUrl ?? `${url}/healthz/readiness`;
	await assertPortFree(options.port);
	await assertPortFree(options.port + 1);
	const child = spawn(nodeBinary(), [N8N_BIN, options.command ?? 'start'], {
		cwd: options.userFolder,
		env: n8nEnv(options.userFolder, options.port, options.env),
		stdio: ['ignore', 'pipe', 'pipe'],
		// Own process group, so stopping n8n also stops its task runners.
		detached: true,
	});
	let output = '';
	const onData = (chunk: Buffer) => {
		const text = chunk.toString();
		output += text;
		options.onOutput?.(text);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	let exited = false;
	const exitPromise = new Promise<void>((resolve) =>
		child.on('exit', () => {
			exited = true;
			resolve();
		}),
	);

	const kill = async () => {
		if (exited) return;
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			child.kill('SIGKILL');
		}
		await exitPromise;
	};

	const stop = async () => {
		if (exited) return;
		try {
			process.kill(-child.pid!, 'SIGTERM');
		} catch {
			child.kill('SIGTERM');
		}
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<'timeout'>((resolve) => {
			timer = setTimeout(() => resolve('timeout'), 15_000);
		});
		const outcome = await Promise.race([exitPromise, timeout]);
		clearTimeout(timer);
		if (outcome === 'timeout') {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
			await exitPromise;
		}
	};

	const deadline = Date.now() + (options.timeoutMs ?? 180_000);
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n exited before it was ready:\n${output}`);
		try {
			const response = await fetch(readyUrl);
			if (response.ok) return { url, process: child, log: () => output, stop, kill };
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	await stop();
	throw new Error(`n8n did not become ready within the time limit:\n${output}`);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function assertPortFree(port: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', () =>
			reject(new Error(`port ${port} on 127.0.0.1 is in use (is another n8n running?)`)),
		);
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** Sets up the instance owner through n8n's REST API; false when an owner already exists. */
export async function setupOwner(url: string, owner: Owner): Promise<boolean> {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (response.ok) return true;
	const text = await response.text();
	if (response.status === 400 && text.includes('already setup')) return false;
	throw new Error(`owner setup failed: ${response.status} ${text}`);
}

/** Logs in through n8n's REST API and returns the session cookie header value. */
export async function login(url: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
	const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
	const auth = cookies.find((c) => c.startsWith('n8n-auth='));
	if (!auth) throw new Error('login answered without an n8n-auth cookie');
	return auth;
}
