/*
 * @doyensec/electronegativity 1.10 requires `commander` without declaring it
 * and was written for commander 5; this project's own commander (14) is the one
 * npm hoists. Preloaded with `node -r`, this sends electronegativity's
 * `require('commander')` to the `commander-5` alias (a devDependency).
 */
const Module = require('node:module');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveCommander(request, parent, ...rest) {
  const fromElectronegativity = parent?.filename?.includes(`${require('node:path').sep}@doyensec${require('node:path').sep}`);
  return resolveFilename.call(this, request === 'commander' && fromElectronegativity ? 'commander-5' : request, parent, ...rest);
};
