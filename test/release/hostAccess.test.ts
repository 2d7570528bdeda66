/**
 * The built node and credential code (dist/, after `npm run build`) never reads the environment
 * or the file system and never starts processes: n8n does not allow it in community nodes. The
 * ESLint rules for nodes/ and credentials/ catch it in the sources; this checks what ships.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DIST = path.resolve(__dirname, '../../dist');

const FORBIDDEN: Array<[what: string, pattern: RegExp]> = [
	['process.env', /process\s*\.\s*env|process\s*\[\s*['"`]env['"`]\s*\]/],
	['require("fs")', /require\(\s*['"`]fs(\/promises)?['"`]\s*\)/],
	['require("node:fs")', /require\(\s*['"`]node:fs(\/promises)?['"`]\s*\)/],
	['child_process', /child_process/],
];

function jsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && /\.(c|m)?js$/.test(entry.name))
		.map((entry) => path.join(entry.parentPath, entry.name));
}

describe('dist/', () => {
	it('exists (npm test builds first)', () => {
		expect(existsSync(DIST)).toBe(true);
		expect(jsFiles(DIST).length).toBeGreaterThan(0);
	});

	it.each(FORBIDDEN)('never uses %s', (_what, pattern) => {
		const hits = jsFiles(DIST).flatMap((file) =>
			readFileSync(file, 'utf8')
				.split('\n')
				.map((line, index) => ({ line, at: `${path.relative(DIST, file)}:${index + 1}` }))
				.filter(({ line }) => pattern.test(line))
				.map(({ at, line }) => `${at}: ${line.trim()}`),
		);
		expect(hits).toEqual([]);
	});
});
