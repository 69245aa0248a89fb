// How a run that got no usable configuration ends. Every base URL is tried whatever the failure (see
// docs/phone-emulation.md); if any server answered with an <error> document, that is what the phone
// shows (the last one), and the run ends as 'error-document' rather than 'all-failed'.
import type { Attempt, SimulationOutcome } from './simulation-report.js';

export function fetchOutcome(attempts: readonly Attempt[]): {
  outcome: Extract<SimulationOutcome, 'all-failed' | 'error-document'>;
  summary: string;
} {
  const count = `${attempts.length} URL${attempts.length === 1 ? '' : 's'} tried`;
  const errorDocument = [...attempts].reverse().find((a) => a.verdict === 'error-document');
  if (errorDocument !== undefined) {
    return {
      outcome: 'error-document',
      summary: `the server answered with an error document; the phone shows: "${errorDocument.errorText ?? ''}" (${count}, none gave a valid configuration)`,
    };
  }
  const last = attempts[attempts.length - 1];
  return {
    outcome: 'all-failed',
    summary:
      last === undefined
        ? 'there is no URL to try'
        : `every URL failed (${count}); the last: ${last.problem ?? last.verdict}`,
  };
}
