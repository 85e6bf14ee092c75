/**
 * The page apps (apps/terminal, apps/storefront, apps/admin) built with vite to dist/apps/<name>, only when stale:
 * missing, or any file under apps/ or libs/contracts is newer than the build. One definition used by
 * `npm start` (scripts/start.js), `npm run build:apps` and the browser tests.
 */
const { spawn } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const APPS = ['terminal', 'storefront', 'admin'];
const SOURCES = [join(ROOT, 'apps'), join(ROOT, 'libs/contracts')];
const STAMP = join(ROOT, 'dist/apps/.built');
const SKIP = new Set(['node_modules', 'dist', '.vite']);
const VITE_BIN = join(ROOT, 'node_modules/vite/bin/vite.js');

/** The newest modification time of any file under the given directories (0 when there is none). */
function newestMtime(dirs) {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      // A folder's own time counts too: deleting or renaming a file inside it changes only that.
      newest = Math.max(newest, statSync(path).mtimeMs);
      if (entry.isDirectory()) walk(path);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return newest;
}

function appsAreStale() {
  if (!existsSync(STAMP)) return true;
  if (APPS.some((app) => !existsSync(join(ROOT, 'dist/apps', app, 'index.html')))) return true;
  return newestMtime(SOURCES) > statSync(STAMP).mtimeMs;
}

/**
 * Builds every app with the vite CLI in a child process (vite is ES modules only, and jest cannot
 * import those in-process); the stamp is written only when all succeed.
 */
async function buildApps({ force = false, log = console.log } = {}) {
  if (!force && !appsAreStale()) return false;
  for (const app of APPS) {
    log(`Building apps/${app} ...`);
    await viteBuild(join(ROOT, 'apps', app, 'vite.config.ts'));
  }
  writeFileSync(STAMP, new Date().toISOString() + '\n');
  return true;
}

function viteBuild(configFile) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [VITE_BIN, 'build', '--config', configFile], {
      cwd: ROOT,
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`vite build of ${configFile} failed:\n${output}`)),
    );
  });
}

module.exports = { ROOT, newestMtime, appsAreStale, buildApps };

if (require.main === module) {
  buildApps({ force: process.argv.includes('--force') })
    .then((built) => console.log(built ? 'Page apps built.' : 'Page apps are up to date.'))
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
