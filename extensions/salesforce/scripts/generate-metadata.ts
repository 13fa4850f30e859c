// Writes the DX project's field and permission-set files from Vigil's runtime field definitions.
// Run from anywhere: `node extensions/salesforce/scripts/generate-metadata.ts` (Node ≥ 22.18).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './metadata.ts';

const project = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const [path, content] of generatedFiles()) {
  const target = join(project, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${path}`);
}
