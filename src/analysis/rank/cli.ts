/** `pfa rca rank`: rank metric series by how likely each is the root cause of an anomaly. */
import type { Command } from 'commander';
import { table, toJson } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { readMetricFiles } from '../../evidence/metrics/files.js';
import { InputError } from '../../shared/errors.js';
import { formatTimestamp, parseInstant } from '../../shared/time.js';
import { rankRootCauses } from './index.js';
import { chooseWindows } from './windows.js';

const MIN_BASELINE = 3;

export function registerRcaCommands(program: Command): void {
  const rca = program.command('rca').description('root-cause analysis');
  rca
    .command('rank <files...>')
    .description('rank metric series (wide CSV, OpenMetrics/Prometheus text, query_range JSON) as root-cause candidates')
    .requiredOption('--onset <time|auto>', 'when the anomaly started (RFC 3339 or epoch s/ms/µs/ns), or auto to estimate it')
    .option('--method <baro|nsigma>', 'baro: median/IQR (robust); nsigma: mean/standard deviation', 'baro')
    .option('--direction <up|down|both>', 'which deviations count', 'up')
    .option('--top <n>', 'rows in the human report', '15')
    .action(
      action(async (rt, files: string[], o: { onset: string; method: string; direction: string; top: string }) => {
        if (o.method !== 'baro' && o.method !== 'nsigma') throw new InputError(`--method must be baro or nsigma, got "${o.method}"`);
        if (o.direction !== 'up' && o.direction !== 'down' && o.direction !== 'both') throw new InputError(`--direction must be up, down or both`);
        const input = await readMetricFiles(files);
        if (input.series.length === 0) throw new InputError(`no metric series found in ${files.join(', ')}`);
        const onset = o.onset === 'auto' ? 'auto' : parseInstant(o.onset).ns;
        const windows = onset === 'auto' ? { note: 'before_onset' as const } : chooseWindows(input.series, onset, MIN_BASELINE);
        const result = rankRootCauses(input.series, {
          onset,
          method: o.method,
          direction: o.direction,
          minBaseline: MIN_BASELINE,
          ...(windows.baseline ? { baseline: windows.baseline } : {}),
          ...(windows.end !== undefined ? { end: windows.end } : {}),
        });
        const ts = (t: bigint) => formatTimestamp(t, 9);
        const onsetOut =
          result.onset.estimated
            ? { ...result.onset, t: ts(result.onset.t), lower: ts(result.onset.lower), upper: ts(result.onset.upper) }
            : { t: ts(result.onset.t), estimated: false };
        const out = {
          onset: onsetOut,
          baseline: windows.note,
          ranking: result.ranking.map((r) => ({ ...r, peak: r.peak ? { t: ts(r.peak.t), v: r.peak.v } : null })),
          components: result.components,
          skipped: result.skipped,
          files: input.files,
        };
        if (rt.output.json) return rt.output.out(toJson(out));
        const top = Number(o.top) || 15;
        const est = result.onset.estimated ? result.onset : null;
        rt.output.out(`onset ${onsetOut.t}${est ? ` (estimated, ${(est.level * 100).toFixed(0)}% interval ${ts(est.lower)} … ${ts(est.upper)})` : ''}`);
        if (windows.note === 'after_anomalous_run') rt.output.out('no data before the onset: the baseline is the data after the anomalous run');
        rt.output.out('');
        rt.output.out(table(result.components.slice(0, top).map((c, i) => ({ rank: i + 1, component: c.component, score: c.score.toFixed(2), top_series: c.top_series })), ['rank', 'component', 'score', 'top_series']));
        rt.output.out('');
        rt.output.out(table(result.ranking.slice(0, top).map((r, i) => ({ rank: i + 1, series: r.series, score: r.score.toFixed(2), peak_at: r.peak ? ts(r.peak.t) : '' })), ['rank', 'series', 'score', 'peak_at']));
        if (result.skipped.length) rt.output.out(`\n${result.skipped.length} series skipped (${[...new Set(result.skipped.map((s) => s.reason))].join(', ')})`);
      }),
    );
}
