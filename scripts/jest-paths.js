// Maps the tsconfig path aliases (@cp/*) for Jest, so there is one list of aliases: tsconfig.base.json.
const path = require('node:path');
const { compilerOptions } = require('../tsconfig.base.json');

function pathsToModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    mapper[`^${alias.replace('/', '\\/')}$`] = path.join('<rootDir>', target);
  }
  return mapper;
}
module.exports = { pathsToModuleNameMapper };
