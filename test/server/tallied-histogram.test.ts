// The tallied histogram is a speed trick: it must read exactly as prom-client's own histogram fed
// the same observations.
import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FETCH_SECONDS_BUCKETS } from '../../src/server/server-metrics.js';
import { TalliedHistogram } from '../../src/server/tallied-histogram.js';

function pair(): { tallied: TalliedHistogram; reference: Histogram; registries: [Registry, Registry] } {
  const settings = { name: 'x_seconds', help: 'how long', buckets: FETCH_SECONDS_BUCKETS };
  const tallied = new TalliedHistogram(settings);
  const reference = new Histogram({ ...settings, buckets: [...settings.buckets], registers: [] });
  const registries: [Registry, Registry] = [new Registry(), new Registry()];
  registries[0].registerMetric(tallied);
  registries[1].registerMetric(reference);
  return { tallied, reference, registries };
}

describe('tallied histogram', () => {
  it('reads as prom-client reads its own histogram, in text and as JSON', async () => {
    const { tallied, reference, registries } = pair();
    const values = [
      0,
      0.0001,
      0.0005,
      0.00050001,
      0.001,
      0.003,
      0.7,
      10,
      10.5,
      1e6,
      ...FETCH_SECONDS_BUCKETS,
    ];
    for (let i = 0; i < 200; i++) values.push(Math.random() ** 4 * 20);
    for (const value of values) {
      tallied.record(value);
      reference.observe(value);
    }
    expect(await registries[0].metrics()).toBe(await registries[1].metrics());
    // As JSON, apart from the exemplars prom-client lists as null (they are off).
    const withoutExemplars = async (registry: Registry): Promise<unknown> =>
      (await registry.getMetricsAsJSON()).map((metric) => ({
        ...metric,
        values: (metric.values as { value: number; labels: object; metricName?: string }[]).map(
          ({ value, labels, metricName }) => ({ value, labels, metricName }),
        ),
      }));
    expect(await withoutExemplars(registries[0])).toEqual(await withoutExemplars(registries[1]));
  });

  it('reads as prom-client with no observation at all', async () => {
    const { registries } = pair();
    expect(await registries[0].metrics()).toBe(await registries[1].metrics());
  });
});
