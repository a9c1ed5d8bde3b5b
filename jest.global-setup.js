// Process-level tests (crash and restart) run the compiled server; build it once before the suites,
// and only when a source changed since the last build (the same check as `npm start`).
const path = require('node:path');
const { buildIfChanged } = require('./scripts/build-if-changed.js');

module.exports = async () => {
  buildIfChanged(path.join(__dirname));
};
