// Loaded with `node --import` into the command a benchmark measures: at exit it writes the process's
// peak resident set size (kilobytes) to the file named by ZPROV_BENCH_PEAK_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env['ZPROV_BENCH_PEAK_FILE'];
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
