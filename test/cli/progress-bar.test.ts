import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress-bar.js';

describe('the progress bar', () => {
  it('says nothing when standard error is not a terminal', () => {
    let written = '';
    expect(progressBar({ stderr: (t) => void (written += t), stderrIsTerminal: false }, 'x')).toBeUndefined();
    expect(written).toBe('');
  });

  it('redraws one line at most every 100 ms, always the last step, and clears it', () => {
    let written = '';
    let now = 0;
    const bar = progressBar(
      { stderr: (t) => void (written += t), stderrIsTerminal: true },
      'importing',
      () => now,
    )!;
    bar.update(100, 1000);
    now = 50;
    bar.update(200, 1000);
    now = 150;
    bar.update(300, 1000);
    bar.update(1000, 1000);
    bar.done();
    const frames = written.split('\r').filter((f) => f !== '');
    expect(frames).toEqual([
      `importing [###---------------------------]  10% 100/1000`,
      `importing [#########---------------------]  30% 300/1000`,
      `importing [##############################] 100% 1000/1000`,
      '\x1b[2K',
    ]);
  });
});
