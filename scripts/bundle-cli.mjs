// Bundles the command line into dist/bundle/ after tsc has compiled src/ into dist/. Node 20 takes
// about 160 ms just to load Kysely's 280 ES modules, and every zprov command paid for it, the HTTP
// framework and the PostgreSQL driver at start-up: `zprov user list` took 0.55 s where `node -e 0`
// takes 0.09 s. One file of our code and its pure-JavaScript dependencies starts in about 0.2 s.
// Left out, and loaded from node_modules when a command needs them: the native SQLite driver, the
// PostgreSQL driver, and the HTTP framework, the logger, its formatter for terminals and the metrics
// library (serve alone imports them, lazily, so they sit in a chunk of their own). Every other dependency is bundled.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: without a clean directory every build would leave the previous
// build's chunks behind, and `npm pack` would ship them.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { main: 'dist/cli/main.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['better-sqlite3', 'pg', 'fastify', 'pino', 'pino-pretty', 'prom-client'],
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow: take its ES module.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // Bundled CommonJS modules (commander) call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as zprovRequire } from 'node:module'; const require = zprovRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
