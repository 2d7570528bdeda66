/**
 * What `npm publish` would upload (`npm pack --dry-run`), after `npm run build`: the built
 * package and its documents, no sources or tests, and source maps without this machine's paths.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	main?: string;
	n8n: { nodes: string[]; credentials: string[] };
};

function packedFiles(): string[] {
	const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`npm pack --dry-run failed:\n${result.stderr}`);
	const [report] = JSON.parse(result.stdout) as Array<{ files: Array<{ path: string }> }>;
	return report.files.map((file) => file.path).sort();
}

describe('the npm package', () => {
	let files: string[];

	beforeAll(() => {
		if (!existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: npm run build');
		files = packedFiles();
	});

	it('holds only dist/, README.md, LICENSE, CHANGELOG.md and package.json', () => {
		// npm always packs the "main" file (index.js, an empty module).
		const allowed = new Set(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']);
		if (pkg.main) allowed.add(path.normalize(pkg.main));
		const unexpected = files.filter((file) => !file.startsWith('dist/') && !allowed.has(file));
		expect(unexpected).toEqual([]);
		for (const file of allowed) expect(files).toContain(file);
	});

	it('holds every node and credential n8n loads', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(file);
	});

	it('holds no tests, TypeScript sources or fixtures', () => {
		const suspicious = files.filter(
			(file) =>
				/(^|\/)(test|tests|__tests__|e2e|fixtures?)\//.test(file) ||
				/\.(test|spec)\.[jt]s$/.test(file) ||
				(/\.ts$/.test(file) && !/\.d\.ts$/.test(file)),
		);
		expect(suspicious).toEqual([]);
	});

	it('ships source maps whose sources are relative paths', () => {
		const maps = files.filter((file) => file.endsWith('.js.map'));
		for (const file of maps) {
			const map = JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as {
				sources: string[];
				sourceRoot?: string;
			};
			for (const source of [...map.sources, map.sourceRoot ?? '']) {
				expect({
					file,
					source,
					absolute: path.isAbsolute(source) || /^[a-z]+:/i.test(source),
				}).toEqual({ file, source, absolute: false });
				expect(source).not.toContain(ROOT);
			}
		}
	});
});
