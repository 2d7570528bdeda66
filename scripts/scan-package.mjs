/**
 * n8n's community-package scan, offline: `@n8n/scan-community-package` normally downloads the
 * published package and its attested source from the registry. Here it lints what `npm pack`
 * would publish, and the node and credential sources, with the same rules. (Its provenance check
 * needs a published version and runs only in n8n's own scan.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
	return result.stdout.toString();
}

const root = path.resolve(import.meta.dirname, '..');
const workDir = mkdtempSync(path.join(tmpdir(), 'propexo-scan-'));
try {
	run('npm', ['pack', '--silent', '--pack-destination', workDir], root);
	const tarball = readdirSync(workDir).find((file) => file.endsWith('.tgz'));
	const packageDir = path.join(workDir, 'package');
	mkdirSync(packageDir);
	run('tar', ['-xzf', path.join(workDir, tarball), '-C', packageDir, '--strip-components=1'], root);

	const checks = [
		['packed package', await analyzePackage(packageDir)],
		['node and credential sources', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
	];
	let failed = false;
	for (const [what, result] of checks) {
		console.log(
			`${result.passed ? 'passed' : 'FAILED'}: ${what}${result.message ? ` (${result.message})` : ''}`,
		);
		if (result.details) console.log(result.details);
		failed ||= !result.passed;
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
