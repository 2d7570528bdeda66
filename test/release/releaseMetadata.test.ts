/** The release gate on package metadata: placeholders nobody filled in stop a release. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'release-metadata.mjs');

/** Runs the gate on a copy of the repository's package.json and CHANGELOG.md, changed by `edit`. */
function gate(edit: (pkg: Record<string, unknown>, changelog: string) => string): {
	code: number;
	output: string;
} {
	const folder = mkdtempSync(path.join(tmpdir(), 'release-metadata-'));
	cpSync(path.join(ROOT, 'package.json'), path.join(folder, 'package.json'));
	const pkg = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	const changelog = edit(pkg, readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'));
	writeFileSync(path.join(folder, 'package.json'), JSON.stringify(pkg, null, 2));
	writeFileSync(path.join(folder, 'CHANGELOG.md'), changelog);
	try {
		const output = execFileSync(process.execPath, [SCRIPT, folder], { stdio: 'pipe' });
		return { code: 0, output: output.toString() };
	} catch (error) {
		const failed = error as { status: number; stderr: Buffer };
		return { code: failed.status, output: failed.stderr.toString() };
	}
}

const OWNED = 'https://github.com/acme-proptech/n8n-nodes-propexo';

function fillIn(pkg: Record<string, unknown>, changelog: string): string {
	pkg.homepage = `${OWNED}#readme`;
	pkg.bugs = { url: `${OWNED}/issues` };
	pkg.repository = { type: 'git', url: `git+${OWNED}.git` };
	pkg.author = { name: 'Acme Proptech', email: 'dev@acme-proptech.example' };
	return changelog.replace(/https:\/\/github\.com\/FILL-IN-OWNER\/n8n-nodes-propexo/g, OWNED);
}

describe('release metadata gate (scripts/release-metadata.mjs)', () => {
	it('refuses the placeholders this repository ships with, naming every field left to fill', () => {
		const { code, output } = gate((pkg, changelog) => {
			const placeholder = 'https://github.com/FILL-IN-OWNER/n8n-nodes-propexo';
			pkg.homepage = `${placeholder}#readme`;
			pkg.bugs = { url: `${placeholder}/issues` };
			pkg.repository = { type: 'git', url: `git+${placeholder}.git` };
			pkg.author = { name: "FILL-IN: the publisher's name", email: 'FILL-IN@example.invalid' };
			return `${changelog}\n[0.0.1]: ${placeholder}/releases/tag/v0.0.1\n`;
		});
		expect(code).toBe(1);
		for (const field of ['homepage', 'repository.url', 'author.name', 'author.email', 'bugs.url'])
			expect(output).toContain(`package.json: ${field}`);
		expect(output).toContain('CHANGELOG.md');
	});

	it('lets a release through once the owner filled everything in', () => {
		expect(gate(fillIn)).toEqual({ code: 0, output: 'release metadata: filled in\n' });
	});

	it('still refuses when one placeholder is left, or a field is missing', () => {
		const leftInChangelog = gate((pkg, changelog) => {
			fillIn(pkg, changelog);
			return changelog;
		});
		expect(leftInChangelog.code).toBe(1);
		expect(leftInChangelog.output).toContain('CHANGELOG.md');

		const noEmail = gate((pkg, changelog) => {
			const filled = fillIn(pkg, changelog);
			pkg.author = { name: 'Acme Proptech' };
			return filled;
		});
		expect(noEmail).toMatchObject({ code: 1 });
		expect(noEmail.output).toContain('package.json: author.email');
	});
});
