/**
 * Figures: percentiles, the human table, one JSON line per figure, the results file and the progress
 * line shown while a benchmark runs.
 */
import console from 'node:console';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/**
 * The q-quantile (0..1) of already sorted numbers, by the nearest-rank method.
 * @param {number[]} sorted
 * @param {number} q
 */
export function quantile(sorted, q) {
  if (!sorted.length) return null;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * p50, p99 and max of latencies in ms, rounded to 0.1 ms.
 * @param {number[]} values
 */
export function latencySummary(values) {
  const sorted = Float64Array.from(values).sort();
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    p50_ms: round(quantile(sorted, 0.5)),
    p99_ms: round(quantile(sorted, 0.99)),
    max_ms: round(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/** Rounds to a sensible number of digits for a report. */
export function round(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * The server's CPU ms per request over a load: `before` from server.cpuMs() before it started.
 * @param {{ cpuMs(): number | null }} server
 */
export function cpuPerRequest(server, before, requests) {
  const after = server.cpuMs();
  return after === null || before === null || !requests ? null : round((after - before) / requests, 2);
}

/** A ratio rounded to 3 digits, or null when the limit is unknown. */
export function ratio(value, limit) {
  return value && limit ? round(value / limit, 3) : null;
}

/** The machine the figures come from, printed beside them. */
export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memory_gb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/**
 * Collects the figures of a run: prints each as a JSON line as it comes, a table per benchmark at the
 * end, and keeps test/bench/results/latest.jsonl up to date after every benchmark (so a run that
 * stops half way still leaves what it measured).
 */
export class Report {
  /**
   * @param {{ db: string, everything: boolean, quick: boolean }} run `everything`: a full run starts
   * the file afresh; `quick`: smoke-test figures go to quick.jsonl, never over the real ones.
   */
  constructor(run) {
    this.db = run.db;
    const name = run.quick ? 'quick' : 'latest';
    this.file = join(RESULTS_DIR, `${name}.jsonl`);
    this.textFile = join(RESULTS_DIR, `${name}.txt`);
    this.at = new Date().toISOString();
    /** @type {Array<Record<string, unknown>>} */
    this.figures = [];
    /** @type {string[]} */
    this.notes = [];
    mkdirSync(RESULTS_DIR, { recursive: true });
    // Lines of benchmarks not rerun this time stay in the file (see save), so one can be rerun alone.
    this.kept = !run.everything && existsSync(this.file) ? readLines(this.file) : [];
  }

  /** @param {Record<string, unknown> & { bench: string }} figure */
  add(figure) {
    const line = { ...figure, db: figure.db ?? this.db, at: this.at };
    this.figures.push(line);
    progress.clear();
    console.log(JSON.stringify(line));
    this.save();
    return line;
  }

  /** A remark printed under the tables (what bounds a figure, a failed check). */
  note(text) {
    this.notes.push(text);
    progress.clear();
    console.log(`note: ${text}`);
  }

  save() {
    const all = [...this.kept.filter((f) => !this.figures.some((g) => g.bench === f.bench)), ...this.figures];
    writeFileSync(this.file, all.map((f) => JSON.stringify(f)).join('\n') + '\n');
    writeFileSync(this.textFile, this.text());
  }

  /** The human tables: one per benchmark, a column per key that any of its figures has. */
  text() {
    const m = machine();
    const out = [
      `O2O commerce benchmarks, ${this.at}, database ${this.db}`,
      `machine: ${m.cores} cores (${m.cpu}), ${m.memory_gb} GB memory, Node ${m.node}, ${m.platform}`,
      '',
    ];
    const benches = [...new Set(this.figures.map((f) => f.bench))];
    for (const bench of benches) {
      const rows = this.figures.filter((f) => f.bench === bench);
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(
        (c) => !['bench', 'db', 'at'].includes(c),
      );
      out.push(`${bench}`, ...table(columns, rows), '');
    }
    if (this.notes.length) out.push('Notes:', ...this.notes.map((n) => `- ${n}`), '');
    return out.join('\n');
  }

  print() {
    progress.clear();
    console.log(`\n${this.text()}`);
    console.log(`Figures written to ${this.file}`);
  }
}

/** The figures of a results file; a line that is not JSON (a run killed mid-write) is dropped. */
function readLines(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return line ? [JSON.parse(line)] : [];
      } catch {
        return [];
      }
    });
}

function table(columns, rows) {
  const cell = (v) =>
    v === undefined || v === null ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values) => '  ' + values.map((v, i) => v.padStart(widths[i])).join('  ');
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ];
}

/**
 * One line that rewrites itself on a terminal; elsewhere (CI logs) a line every few seconds.
 */
export const progress = {
  last: 0,
  shown: false,
  /** @param {string} text */
  show(text) {
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\x1b[2K${text}`);
      this.shown = true;
    } else if (Date.now() - this.last > 3000) {
      this.last = Date.now();
      process.stderr.write(`${text}\n`);
    }
  },
  clear() {
    if (this.shown && process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    this.shown = false;
  },
};

/**
 * A bar for long seeding steps: "seeding ledger [#####.....] 52% 520000/1000000".
 * @param {string} label
 * @param {number} done
 * @param {number} total
 */
export function bar(label, done, total) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor((done / total) * 100)}% ${done}/${total}`;
}
