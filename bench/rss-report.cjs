// Preloaded into the real n8n's processes by the bench (NODE_OPTIONS=--require): on exit, appends
// the process's peak resident set size to $BENCH_RSS_FILE, one JSON line per process.
'use strict';
const fs = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
	process.on('exit', () => {
		try {
			const line = {
				pid: process.pid,
				argv: process.argv.slice(1),
				maxRssKb: process.resourceUsage().maxRSS,
			};
			fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
		} catch {
			// Never change how n8n exits.
		}
	});
}
