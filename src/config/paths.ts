import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The package's rules/ folder (built-in packs and the JSON Schema), found from this compiled file. */
export function builtinRulesDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');
}
