// The zprov command line: parses arguments and maps outcomes to exit codes.
export async function main(argv: readonly string[]): Promise<number> {
  process.stderr.write(`zprov: not yet wired (${argv.join(' ')})\n`);
  return 2;
}
