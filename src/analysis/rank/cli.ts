/** `pfa rca rank`: rank metric series by how likely each is the root cause of an anomaly. */
import type { Command } from 'commander';
import { intOption } from '../../cli/input.js';
import { table, toJson } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { readMetricFiles } from '../../evidence/metrics/index.js';
import { InputError } from '../../shared/errors.js';
import { reportNotes } from './notes.js';
import { parseOnset, rankReport } from './report.js';

export function registerRcaCommands(program: Command): void {
  const rca = program.command('rca').description('root-cause analysis');
  rca
    .command('rank <files...>')
    .description('rank metric series (wide CSV, OpenMetrics/Prometheus text, query_range JSON) as root-cause candidates')
    .requiredOption('--onset <time|auto>', 'when the anomaly started (RFC 3339 or epoch s/ms/µs/ns), or auto to estimate it')
    .option('--method <baro|nsigma>', 'baro: median/IQR (robust); nsigma: mean/standard deviation', 'baro')
    .option('--direction <up|down|both>', 'which deviations count', 'up')
    .option('--top <n>', 'rows in the human report', intOption('--top', { min: 1 }), 15)
    .action(
      action(async (rt, files: string[], o: { onset: string; method: string; direction: string; top: number }) => {
        if (o.method !== 'baro' && o.method !== 'nsigma') throw new InputError(`--method must be baro or nsigma, got "${o.method}"`);
        if (o.direction !== 'up' && o.direction !== 'down' && o.direction !== 'both') throw new InputError(`--direction must be up, down or both, got "${o.direction}"`);
        const onset = parseOnset(o.onset);
        const input = await readMetricFiles(files);
        if (input.series.length === 0) throw new InputError(`no metric series found in ${files.join(', ')}`);
        const out = rankReport(input, { onset, method: o.method, direction: o.direction });
        if (rt.output.json) return rt.output.out(toJson(out));
        const { top } = o;
        const est = out.onset.estimated ? out.onset : null;
        rt.output.out(`onset ${out.onset.t}${est ? ` (estimated, ${(est.level * 100).toFixed(0)}% interval ${est.lower} … ${est.upper})` : ''}`);
        if (out.baseline === 'after_anomalous_run') rt.output.out('no data before the onset: the baseline is the data after the anomalous run');
        rt.output.out('');
        rt.output.out(table(out.components.slice(0, top).map((c, i) => ({ rank: i + 1, component: c.component, score: c.score.toFixed(2), top_series: c.top_series })), ['rank', 'component', 'score', 'top_series']));
        rt.output.out('');
        rt.output.out(table(out.ranking.slice(0, top).map((r, i) => ({ rank: i + 1, series: r.series, score: r.score.toFixed(2), peak_at: r.peak?.t ?? '' })), ['rank', 'series', 'score', 'peak_at']));
        const notes = reportNotes(out, input.series);
        if (notes.length) rt.output.out(`\n${notes.join('\n')}`);
        if (out.skipped.length) rt.output.out(`\n${out.skipped.length} series skipped (${[...new Set(out.skipped.map((s) => s.reason))].join(', ')})`);
      }),
    );
}
