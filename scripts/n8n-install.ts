/**
 * Installs a real n8n (and, where the machine's Node is older than 24, a Node 24 binary from the
 * npm registry) into the git-ignored `.n8n-local/` folder. Idempotent: a finished install is
 * marked and skipped next time.
 *
 *   npx tsx scripts/n8n-install.ts            # install if missing
 *   npx tsx scripts/n8n-install.ts --force    # reinstall
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
	LOCAL_DIR,
	N8N_BIN,
	N8N_DIR,
	N8N_VERSION,
	NODE24_BINARY,
	NODE24_VERSION,
	NODE_DIR,
	NODE_PACKAGE,
	needsLocalNode,
	nodeBinary,
} from './n8n-local';

const MARKER = '.install-complete';

function log(message: string) {
	process.stdout.write(`[n8n-install] ${message}\n`);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
	log(`${cwd}$ ${cmd} ${args.join(' ')}`);
	const result = spawnSync(cmd, args, { cwd, stdio: 'inherit', env });
	if (result.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
	}
}

function isComplete(dir: string, expected: string): boolean {
	const marker = path.join(dir, MARKER);
	return existsSync(marker) && readFileSync(marker, 'utf8').trim() === expected;
}

/** A folder with its own package.json and .npmrc, so the project's settings and lockfile stay out. */
function prepare(dir: string, dependencies: Record<string, string>, npmrc: string) {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: path.basename(dir),
				private: true,
				description: 'local runtime, not part of the package',
				dependencies,
			},
			null,
			2,
		) + '\n',
	);
	writeFileSync(path.join(dir, '.npmrc'), npmrc);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPMRC =
	'ignore-scripts=true\nfund=false\naudit=false\nupdate-notifier=false\npackage-lock=true\n';

function installNode(force: boolean) {
	if (!needsLocalNode()) {
		log(`machine Node ${process.version} is new enough; no local Node needed`);
		return;
	}
	const expected = `${NODE_PACKAGE}@${NODE24_VERSION}`;
	if (!force && isComplete(NODE_DIR, expected) && existsSync(NODE24_BINARY)) {
		log(`Node ${NODE24_VERSION} already installed`);
		return;
	}
	const started = Date.now();
	// The `node` package would fetch the platform package in a postinstall script; with scripts off,
	// the platform package itself is installed: its bin/node is the real binary.
	prepare(NODE_DIR, { [NODE_PACKAGE]: NODE24_VERSION }, NPMRC);
	run(npm, ['install', '--no-save', '--loglevel=error'], NODE_DIR);
	const check = spawnSync(NODE24_BINARY, ['--version'], { encoding: 'utf8' });
	if (check.status !== 0 || check.stdout.trim() !== `v${NODE24_VERSION}`) {
		throw new Error(`Node ${NODE24_VERSION} did not install: ${check.stderr || check.stdout}`);
	}
	writeFileSync(path.join(NODE_DIR, MARKER), expected + '\n');
	log(`Node ${NODE24_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function installN8n(force: boolean) {
	const expected = `n8n@${N8N_VERSION}`;
	if (!force && isComplete(N8N_DIR, expected) && existsSync(N8N_BIN)) {
		log(`n8n ${N8N_VERSION} already installed in ${path.relative(process.cwd(), N8N_DIR)}`);
		return;
	}
	const started = Date.now();
	log(`installing n8n ${N8N_VERSION} (a few minutes, ~3 GB) into ${N8N_DIR}`);
	// Install scripts stay off: one of them (a Kafka module) downloads from the internet and fails.
	prepare(N8N_DIR, { n8n: N8N_VERSION }, NPMRC);
	run(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], N8N_DIR);
	// sqlite3 (n8n's default database) is a native addon: build it from source (Node-API, so the
	// build runs with the machine's npm/node-gyp and loads in Node 24 too).
	run(npm, ['rebuild', 'sqlite3', '--ignore-scripts=false'], N8N_DIR);
	const check = spawnSync(nodeBinary(), [N8N_BIN, '--version'], {
		encoding: 'utf8',
		env: { ...process.env, N8N_USER_FOLDER: path.join(LOCAL_DIR, 'version-check') },
	});
	if (check.status !== 0 || !check.stdout.includes(N8N_VERSION)) {
		throw new Error(`n8n ${N8N_VERSION} did not start: ${check.stderr || check.stdout}`);
	}
	writeFileSync(path.join(N8N_DIR, MARKER), expected + '\n');
	log(`n8n ${N8N_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export function installAll(force = false) {
	mkdirSync(LOCAL_DIR, { recursive: true });
	installNode(force);
	installN8n(force);
}

if (require.main === module) {
	try {
		installAll(process.argv.includes('--force'));
	} catch (error) {
		process.stderr.write(`[n8n-install] ${(error as Error).message}\n`);
		process.exit(1);
	}
}
