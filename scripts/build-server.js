/**
 * The server built with `nest build` to dist/src/main.js, only when stale: missing, or any file or folder
 * under src/ or libs/ (a folder changes when a file in it is deleted), or a tsconfig, is newer than the
 * newest under dist/src. `nest build`, unlike plain tsc, rewrites the `@o2o/contracts` alias to relative
 * paths that node resolves at runtime. One definition used by `npm start`, `npm run cluster`, the
 * migration scripts and the tests that run the built server.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, newestMtime } = require('./build-apps');

const SERVER_ENTRY = join(ROOT, 'dist/src/main.js');
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'].map((file) => join(ROOT, file));

function serverIsStale() {
  if (!existsSync(SERVER_ENTRY)) return true;
  const newestSource = Math.max(
    newestMtime([join(ROOT, 'src'), join(ROOT, 'libs')]),
    ...CONFIGS.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs),
  );
  return newestSource > newestMtime([join(ROOT, 'dist/src')]);
}

/** Builds the server when stale; throws when it does not compile. */
function buildServer({ log = console.log } = {}) {
  if (!serverIsStale()) return;
  log('Building the server (nest build) ...');
  // nest build keeps what it compiled before, so a deleted source (a migration above all) would live on;
  // its incremental record goes too, or tsc would think the removed output still current.
  for (const output of ['dist/src', 'dist/libs', 'dist/.tsbuildinfo'])
    rmSync(join(ROOT, output), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('nest build failed');
}

module.exports = { SERVER_ENTRY, buildServer };

if (require.main === module) buildServer();
