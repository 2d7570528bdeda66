/**
 * Shared settings for running a real, local n8n with this package loaded.
 *
 * n8n is installed by `scripts/n8n-install.ts` into the git-ignored `.n8n-local/` folder, never
 * as a dependency of the package. n8n 2.x needs Node >= 24; when the machine's Node is older, a
 * Node 24 binary is installed from the npm registry (package `node-<platform>-<arch>`).
 */
import { existsSync, mkdirSync, rmSync, symlinkSync, lstatSync, readlinkSync } from 'node:fs';
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

/** Link the package (the repo root, with its built `dist/`) into n8n's community-nodes folder. */
export function linkPackage(userFolder: string): string {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const modulesDir = path.join(nodesDir, 'node_modules');
	mkdirSync(modulesDir, { recursive: true });
	const link = path.join(modulesDir, PACKAGE_NAME);
	let ok = false;
	try {
		ok = lstatSync(link).isSymbolicLink() && readlinkSync(link) === ROOT;
	} catch {
		ok = false;
	}
	if (!ok) {
		rmSync(link, { recursive: true, force: true });
		symlinkSync(ROOT, link, 'dir');
	}
	return link;
}

export function assertBuilt(): void {
	const nodeFile = path.join(
		ROOT,
		'dist',
		'nodes',
		'PropexoResmanPayment',
		'PropexoResmanPayment.node.js',
	);
	if (!existsSync(nodeFile)) {
		throw new Error(`The package is not built (${nodeFile} is missing): run \`npm run build\``);
	}
}
