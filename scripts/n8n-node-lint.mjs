/**
 * n8n's own checker, `n8n-node lint` from @n8n/node-cli, unmodified and in its strict mode, on
 * what n8n reviews: package.json, tsconfig.json, the node and credential sources and their icons.
 *
 * It runs on a copy of those because strict mode (`"strict": true` in package.json) requires
 * eslint.config.mjs to be n8n's default file, and that default lints every .ts file under the
 * folder with n8n Cloud's rules; the tests, scripts and benchmark use files, processes and the
 * environment on purpose. They are linted by this repository's eslint.config.mjs instead.
 * Any finding fails, warnings included.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const cliDir = path.join(root, 'node_modules', '@n8n', 'node-cli');
const defaultConfig = readFileSync(
	path.join(cliDir, 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs'),
);

const workDir = mkdtempSync(path.join(tmpdir(), 'propexo-n8n-node-lint-'));
try {
	for (const entry of ['package.json', 'tsconfig.json', 'nodes', 'credentials']) {
		cpSync(path.join(root, entry), path.join(workDir, entry), { recursive: true });
	}
	writeFileSync(path.join(workDir, 'eslint.config.mjs'), defaultConfig);
	symlinkSync(path.join(root, 'node_modules'), path.join(workDir, 'node_modules'), 'dir');

	const result = spawnSync(process.execPath, [path.join(cliDir, 'bin', 'n8n-node.mjs'), 'lint'], {
		cwd: workDir,
		encoding: 'utf8',
		env: { ...process.env, npm_config_user_agent: 'npm' },
	});
	const output = `${result.stdout}${result.stderr}`.replaceAll(workDir, root);
	process.stdout.write(output);

	// eslint's summary line: "✖ 2 problems (0 errors, 2 warnings)" (colored).
	const findings = output.replace(/\x1b\[[0-9;]*m/g, '').match(/✖ (\d+) problems?/);
	if (result.status !== 0 || findings) {
		console.error(
			`n8n-node lint: ${findings ? `${findings[1]} finding(s)` : `exit ${result.status}`}; none allowed`,
		);
		process.exitCode = 1;
	} else {
		console.log('n8n-node lint (strict mode, n8n default config): no findings');
	}
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
