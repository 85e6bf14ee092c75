#!/usr/bin/env node
/**
 * Where a CPU profile's time went: `node test/bench/profile-top.mjs results/<bench>.cpuprofile [n]
 * [from-s to-s]` prints self time per owner (npm package, Node, the project, the engine), the top functions by
 * self time and, separately, the project's own functions (src/, dist/src)
 * by total time (self + callees), each with file:line, so hot spots can be named precisely. With a
 * window (seconds from the profile's start) only those samples count, so that the phases of a run (a
 * queue filling, then a sell-out) can be told apart; the busy share of each second is printed first.
 */
import console from 'node:console';
import { readFileSync } from 'node:fs';
import process from 'node:process';

const [file, topArg, fromArg, toArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node test/bench/profile-top.mjs <file.cpuprofile> [top n] [from-s to-s]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
if (fromArg !== undefined) keepWindow(Number(fromArg), Number(toArg ?? Infinity));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** Keeps the samples between from and to (seconds from the start), after printing each second's busy share. */
function keepWindow(from, to) {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const busy = [];
  const kept = [];
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const second = (at - profile.startTime) / 1e6;
    busy[Math.floor(second)] ??= [0, 0];
    busy[Math.floor(second)][idle.has(id) ? 1 : 0]++;
    if (second >= from && second < to) kept.push(id);
  });
  const shares = busy.map(([work, rest], s) => `${s}:${Math.round((100 * work) / (work + rest))}%`);
  console.log(`busy per second: ${shares.join(' ')}`);
  const end = Math.min(profile.startTime + to * 1e6, at);
  profile.startTime += from * 1e6;
  profile.endTime = end;
  profile.samples = kept;
}

// Sample counts per node, converted to ms with the mean interval of the profile.
const self = new Map();
for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
const totalMs = (profile.endTime - profile.startTime) / 1000;
const msPerSample = totalMs / profile.samples.length;

const where = (cf) => {
  const url = cf.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
  return `${cf.functionName || '(anonymous)'} ${url ? `${url}:${cf.lineNumber + 1}` : ''}`.trim();
};

/** Who owns a frame's self time: an npm package, Node itself, the project, or the engine. */
const owner = (cf) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(cf.url);
  if (pkg) return pkg[1];
  if (/(dist\/)?(src|libs)\//.test(cf.url)) return 'project code';
  if (cf.url.startsWith('node:')) return 'node (http, streams, async_hooks…)';
  if (!cf.url && cf.functionName.startsWith('(')) return cf.functionName;
  return 'native (better-sqlite3 statements, writev, crypto…)';
};

const byOwner = new Map();
const bySelf = new Map();
const byTotal = new Map();
for (const [id, count] of self) {
  const key = where(nodes.get(id).callFrame);
  bySelf.set(key, (bySelf.get(key) ?? 0) + count);
  const who = owner(nodes.get(id).callFrame);
  byOwner.set(who, (byOwner.get(who) ?? 0) + count);
  // Inclusive time: every distinct frame on the stack of this sample gets it once.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const frame = where(nodes.get(at).callFrame);
    if (seen.has(frame)) continue;
    seen.add(frame);
    byTotal.set(frame, (byTotal.get(frame) ?? 0) + count);
  }
}

const print = (title, entries) => {
  console.log(`\n${title}`);
  for (const [key, count] of entries.slice(0, top)) {
    const ms = count * msPerSample;
    console.log(`${((ms / totalMs) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`${file}: ${totalMs.toFixed(0)} ms profiled, ${profile.samples.length} samples`);
print(
  'Self time by owner:',
  [...byOwner].sort((a, b) => b[1] - a[1]),
);
print(
  'Top by self time:',
  [...bySelf].sort((a, b) => b[1] - a[1]),
);
print(
  'Project code by total time (self + callees):',
  [...byTotal].filter(([key]) => /(^| )(src|dist\/src|libs)\//.test(key)).sort((a, b) => b[1] - a[1]),
);
