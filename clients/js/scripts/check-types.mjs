// CI: regenerates the types from the committed openapi.json and fails when they differ from
// src/generated/api.ts, so that the client cannot drift from the API description it was built against.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'saasgate-types-'));
try {
  const fresh = join(dir, 'api.ts');
  execFileSync('npx', ['openapi-typescript', 'openapi.json', '--output', fresh], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (readFileSync(fresh, 'utf8') !== readFileSync('src/generated/api.ts', 'utf8')) {
    console.error('src/generated/api.ts is not what openapi-typescript makes of openapi.json. Regenerate it: npm run openapi:types (or scripts/update-openapi for a new snapshot too)');
    process.exit(1);
  }
  console.log('openapi:check: src/generated/api.ts matches openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
