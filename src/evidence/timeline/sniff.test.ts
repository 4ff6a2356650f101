import { describe, expect, it } from 'vitest';
import { sniffSource } from './sniff.js';

describe('sniffSource', () => {
  it('tells FIX logs: messages anywhere in the head, or a QuickFIX/J event log by its name or its lines', () => {
    expect(sniffSource('gw.log', '20251126-10:27:35.123 : 8=FIX.4.4\x019=5\x0135=0\x01')).toBe('fix');
    expect(sniffSource('/var/log/fix/FIX.4.4-GW-NASDAQ.event.log', '20251126-10:27:35.123: Disconnecting: Socket closed\n')).toBe('fix');
    expect(sniffSource('session.log', '20251126-10:27:35.123: Session FIX.4.4:GW->NASDAQ schedule is daily\n')).toBe('fix');
    // QuickFIX's time format alone is not enough: a plain log may use it.
    expect(sniffSource('batch.log', '20251126-10:27:35.123: job 12 done\n')).toBe('log');
  });

  it('tells alerts, metrics and logs', () => {
    expect(sniffSource('a.json', '{"receiver":"pfa","status":"firing","alerts":[{"labels":{},"startsAt":"2025-11-26T10:00:00Z"}]}')).toBe('alerts');
    expect(sniffSource('r.json', '{"status":"success","data":{"resultType":"matrix","result":[]}}')).toBe('metrics');
    expect(sniffSource('m.txt', '# TYPE x gauge\nx{a="b"} 1 1764162000000\n')).toBe('metrics');
    expect(sniffSource('wide.txt', 'time,cpu,mem\n1764162000,1,2\n')).toBe('metrics');
    expect(sniffSource('journal.json', '{"__REALTIME_TIMESTAMP":"1764152855123456","MESSAGE":"x"}\n')).toBe('log');
    expect(sniffSource('syslog', 'Nov 26 10:27:35 gw01 kernel: eth0: link down\n')).toBe('log');
  });

  it('tells Prometheus text without TYPE lines from a log by the shape of every line', () => {
    const samples = ['nic_rx_queue_fill{iface="eth0"} 51.57 1751614800000', 'nic_rx_queue_fill{iface="eth0"} 50.52 1751614815000', 'up 1 1751614815000', 'rss NaN 1751614830000'];
    expect(sniffSource('dump.txt', `${samples.join('\n')}\n`)).toBe('metrics');
    // cut mid-line at the end of the head
    expect(sniffSource('dump.txt', `${samples.join('\n')}\nnic_rx_queue_fill{iface="et`)).toBe('metrics');
    expect(sniffSource('app.log', 'started 1 1751614800000\nfoo 12 1751614830000\nERROR order 1751614815000 rejected\n')).toBe('log');
    expect(sniffSource('counts.txt', 'apples 3\npears 4\nplums 5\n')).toBe('log');
  });
});
