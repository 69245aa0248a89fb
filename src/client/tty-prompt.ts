// Asking for the provisioning username and password on a terminal, with the password not echoed.
import { ERROR_CODES, ZprovError } from '../core/errors.js';
import type { Prompt } from './client-ports.js';

/**
 * A prompt on the process's terminal, or undefined when stdin or stderr is not one (a script, CI):
 * callers then ask for flags instead. Questions go to stderr so stdout stays the report.
 */
export function terminalPrompt(): Prompt | undefined {
  if (process.stdin.isTTY !== true || process.stderr.isTTY !== true) return undefined;
  return (question, { secret }) => ask(question, secret);
}

function ask(question: string, secret: boolean): Promise<string> {
  const stdin = process.stdin;
  const stderr = process.stderr;
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let answer = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const finish = (error?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stderr.write('\n');
      if (error === undefined) resolve(answer);
      else reject(error);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003')
          return finish(new ZprovError(ERROR_CODES.INVALID_INPUT, 'cancelled at the prompt'));
        if (ch === '\u0004' && answer === '') return finish();
        if (ch === '\u007f' || ch === '\b') {
          if (answer.length > 0) {
            answer = [...answer].slice(0, -1).join('');
            if (!secret) stderr.write('\b \b');
          }
          continue;
        }
        if (ch < ' ') continue;
        answer += ch;
        if (!secret) stderr.write(ch);
      }
    };
    stdin.on('data', onData);
  });
}
