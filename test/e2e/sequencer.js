/** Runs the e2e test files in name order (headless before editor), one at a time. */
const Sequencer = require('@jest/test-sequencer').default;

class NameOrderSequencer extends Sequencer {
	sort(tests) {
		return [...tests].sort((a, b) => a.path.localeCompare(b.path));
	}
}

module.exports = NameOrderSequencer;
