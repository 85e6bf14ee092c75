import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

/** Runs the layering rules `npm run lint` runs, on the given files. */
function cruise(files: string[]) {
  const result = spawnSync(DEPCRUISE, [...files, '--config', '.dependency-cruiser.cjs'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * The deliberate violation the README's contributing section documents: inventory importing the
 * realtime gateway breaks "realtime only delivers" and closes a folder cycle; the rules must catch it.
 */
describe('the layering rules', () => {
  const violation = join(ROOT, 'src', 'inventory', 'deliberate-layering-violation.ts');
  afterEach(() => rmSync(violation, { force: true }));

  it('hold for the code as it is', () => {
    const { status, output } = cruise(['src', 'apps', 'libs']);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('fail on the documented deliberate violation', () => {
    writeFileSync(violation, "import '../realtime/terminal.gateway';\n");
    const { status, output } = cruise(['src']);
    expect(output).toContain('realtime-only-delivers');
    expect(output).toMatch(/cycle/);
    expect(status).not.toBe(0);
  });
});
