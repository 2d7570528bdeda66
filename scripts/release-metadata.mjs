#!/usr/bin/env node
/**
 * Refuses a release while package.json names an owner nobody has filled in. The placeholders mark
 * what only the package's owner can know (the GitHub repository npm's trusted publishing and
 * provenance are tied to, who to contact); see "Releasing" in the README.
 *
 * `node scripts/release-metadata.mjs [folder]`: exit 1 and what to fill, or exit 0. It reads the
 * folder's package.json and CHANGELOG.md (whose links name the repository too).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PLACEHOLDER = 'FILL-IN';

/** The metadata fields a release needs, as `[field, value]`; missing ones are empty strings. */
function releaseFields(pkg) {
	const author = typeof pkg.author === 'string' ? { name: pkg.author } : (pkg.author ?? {});
	const repository = typeof pkg.repository === 'string' ? { url: pkg.repository } : pkg.repository;
	return [
		['homepage', pkg.homepage],
		['repository.url', repository?.url],
		['author.name', author.name],
		['author.email', author.email],
		['bugs.url', typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url],
	].map(([field, value]) => [field, typeof value === 'string' ? value : '']);
}

/** The fields still to fill: empty, or holding the placeholder. */
export function unfilled(pkg) {
	return releaseFields(pkg)
		.filter(([, value]) => value.trim() === '' || value.includes(PLACEHOLDER))
		.map(([field]) => field);
}

/** The link definitions at the end of a Keep a Changelog file: `[0.1.0]: https://…`. */
function releaseLinks(changelog) {
	return changelog.split('\n').filter((line) => /^\[[^\]]+\]:\s/.test(line));
}

/** Everything still to fill in a package folder, as `file: field` lines. */
export function unfilledIn(folder) {
	const pkg = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
	const changelog = readFileSync(path.join(folder, 'CHANGELOG.md'), 'utf8');
	return [
		...unfilled(pkg).map((field) => `package.json: ${field}`),
		...(releaseLinks(changelog).some((link) => link.includes(PLACEHOLDER))
			? ['CHANGELOG.md: the release links']
			: []),
	];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const missing = unfilledIn(path.resolve(process.argv[2] ?? '.'));
	if (missing.length > 0) {
		console.error(
			`Not releasing: replace every "${PLACEHOLDER}" (see "Releasing" in the README):\n  ${missing.join('\n  ')}`,
		);
		process.exit(1);
	}
	console.log('release metadata: filled in');
}
