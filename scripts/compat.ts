/**
 * `npm run test:compat`: runs the engine suite (test/*.test.ts) against the newest n8n-core 1.x.
 *
 * 1. Installs compat/n8n-core-1/ (n8n-core 1.x and the n8n-workflow it pins, from the committed
 *    lockfile) into the git-ignored .compat/n8n-core-1/, unless that install is already current.
 * 2. Runs jest with jest.compat.config.js, which points `n8n-core` and `n8n-workflow` at that
 *    install for the harness and for the package loaded from dist/ alike.
 *
 * Extra arguments go to jest, e.g. `npm run test:compat -- test/nodes/create.test.ts`.
 * `--reinstall` forces a fresh install first. Build first (`npm run test:compat` does).
 *
 * `N8N_COMPAT_CORE=<version>` runs the suite on another n8n-core instead (any 1.x or 2.x from the
 * registry, with the n8n-workflow it pins), installed into .compat/n8n-core-<version>/: how the
 * lowest supported n8n is measured.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const SPEC_DIR = path.join(ROOT, 'compat', 'n8n-core-1');
const OTHER_CORE = process.env.N8N_COMPAT_CORE;
const INSTALL_DIR = path.join(
	ROOT,
	'.compat',
	OTHER_CORE ? `n8n-core-${OTHER_CORE}` : 'n8n-core-1',
);
const STAMP = path.join(INSTALL_DIR, '.installed');
const SPEC_FILES = ['package.json', 'package-lock.json'];

interface PackageJson {
	version: string;
	dependencies?: Record<string, string>;
}

function readJson(file: string): PackageJson {
	return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

function run(command: string, args: string[], cwd: string, env = process.env): number {
	const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
	if (result.error) throw result.error;
	return result.status ?? 1;
}

/** A hash of the committed spec: the install is redone whenever it changes. */
function specHash(): string {
	const hash = createHash('sha256');
	for (const file of SPEC_FILES) hash.update(readFileSync(path.join(SPEC_DIR, file)));
	return hash.digest('hex');
}

/** Another n8n-core, by version: a plain install, no lockfile. */
function installOther(version: string): void {
	if (existsSync(path.join(INSTALL_DIR, 'node_modules', 'n8n-core', 'package.json'))) return;
	mkdirSync(INSTALL_DIR, { recursive: true });
	writeFileSync(
		path.join(INSTALL_DIR, 'package.json'),
		JSON.stringify({ private: true, dependencies: { 'n8n-core': version } }, null, 2),
	);
	const status = run(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		INSTALL_DIR,
	);
	if (status !== 0) throw new Error(`npm install n8n-core@${version} failed (exit ${status})`);
}

function install(): void {
	if (OTHER_CORE) return installOther(OTHER_CORE);
	const wanted = specHash();
	const current = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
	const complete = existsSync(path.join(INSTALL_DIR, 'node_modules', 'n8n-core', 'package.json'));
	if (current === wanted && complete && !process.argv.includes('--reinstall')) {
		console.log(`compat: ${path.relative(ROOT, INSTALL_DIR)} is up to date`);
		return;
	}
	console.log(
		`compat: installing ${path.relative(ROOT, SPEC_DIR)} into ${path.relative(ROOT, INSTALL_DIR)}`,
	);
	rmSync(INSTALL_DIR, { recursive: true, force: true });
	mkdirSync(INSTALL_DIR, { recursive: true });
	for (const file of SPEC_FILES) {
		copyFileSync(path.join(SPEC_DIR, file), path.join(INSTALL_DIR, file));
	}
	// No install scripts: n8n-core's native extras (isolated-vm, ssh2's cpu-features) are not used.
	const status = run(
		'npm',
		['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		INSTALL_DIR,
	);
	if (status !== 0) throw new Error(`npm ci in ${INSTALL_DIR} failed (exit ${status})`);
	writeFileSync(STAMP, `${wanted}\n`);
}

/** The installed versions; fails if n8n-core would see a different n8n-workflow than the tests. */
function installedVersions(): { core: string; workflow: string } {
	const modules = path.join(INSTALL_DIR, 'node_modules');
	const core = readJson(path.join(modules, 'n8n-core', 'package.json'));
	const workflow = readJson(path.join(modules, 'n8n-workflow', 'package.json'));
	const pinned = core.dependencies?.['n8n-workflow'];
	if (pinned !== workflow.version) {
		throw new Error(
			`n8n-core ${core.version} wants n8n-workflow ${pinned}, but ${workflow.version} is installed`,
		);
	}
	return { core: core.version, workflow: workflow.version };
}

function main(): number {
	install();
	const { core, workflow } = installedVersions();
	if (!existsSync(path.join(ROOT, 'dist', 'nodes'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	console.log(`compat: running the engine suite on n8n-core ${core}, n8n-workflow ${workflow}`);
	const jestArgs = process.argv.slice(2).filter((arg) => arg !== '--reinstall');
	return run(
		process.execPath,
		[require.resolve('jest/bin/jest'), '-c', 'jest.compat.config.js', ...jestArgs],
		ROOT,
		{
			...process.env,
			N8N_COMPAT_DIR: INSTALL_DIR,
			N8N_COMPAT_CORE_VERSION: core,
			N8N_COMPAT_WORKFLOW_VERSION: workflow,
		},
	);
}

try {
	process.exitCode = main();
} catch (error) {
	console.error(`compat: ${(error as Error).message}`);
	process.exitCode = 1;
}
