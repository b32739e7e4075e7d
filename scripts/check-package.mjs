// `npm pack`'s prepack step: refuses to pack a package whose files are not built. dist/ is not
// in git, so a pack from a fresh clone would otherwise give a tarball without the client (run
// `npm run build` first). Checks every target of package.json's exports, main, module and types.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const targets = new Set([pkg.main, pkg.module, pkg.types]);
const walk = (entry) => {
  if (typeof entry === 'string') targets.add(entry);
  else if (entry && typeof entry === 'object') Object.values(entry).forEach(walk);
};
walk(pkg.exports);
const missing = [...targets].filter((t) => t && !fs.existsSync(path.join(root, t)));
if (missing.length) {
  console.error(`connects-cil: not built, missing ${missing.join(', ')}: run \`npm run build\` before \`npm pack\``);
  process.exit(1);
}
