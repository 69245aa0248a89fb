// A stand-in ProvisioningService for adapter tests: a fixed table of users, every request recorded.
import { createHash } from 'node:crypto';
import type {
  ProvisioningRequest,
  ProvisioningResult,
  ProvisioningService,
  RefusalOutcome,
} from '../../src/services/provisioning-contract.js';

export const SERVED_BODY =
  '<?xml version="1.0" encoding="UTF-8"?>\n<options>\n  <audio>\n    <ring_when_talking>false</ring_when_talking>\n  </audio>\n</options>\n';

export interface FakeUser {
  readonly password: string;
  readonly tenant?: string;
  readonly state?: 'ok' | 'disabled' | 'locked' | 'empty' | 'broken';
}

export class FakeProvisioning implements ProvisioningService {
  readonly requests: ProvisioningRequest[] = [];
  /** answerAtOnce: return results directly, as the real service does for a warm fetch. */
  constructor(
    private readonly users: Readonly<Record<string, FakeUser>>,
    private readonly options: { readonly answerAtOnce?: boolean } = {},
  ) {}

  provision(request: ProvisioningRequest): ProvisioningResult | Promise<ProvisioningResult> {
    if (this.options.answerAtOnce === true) return this.answer(request);
    return Promise.resolve().then(() => this.answer(request));
  }

  private answer(request: ProvisioningRequest): ProvisioningResult {
    this.requests.push(request);
    const refuse = (outcome: RefusalOutcome, retryAfterSeconds?: number) =>
      ({
        ok: false,
        outcome,
        userMessage: `refused: ${outcome}`,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      }) as const;
    if (request.username === '' || request.password === '') return refuse('missing_credentials');
    const user = this.users[request.username];
    if (user === undefined || (user.tenant ?? undefined) !== request.tenant) return refuse('unknown_user');
    if (user.state === 'broken') throw new Error('database is on fire: SELECT * FROM secrets');
    if (user.state === 'locked') return refuse('locked_out', 42.2);
    if (user.password !== request.password) return refuse('wrong_password');
    if (user.state === 'disabled') return refuse('disabled');
    if (user.state === 'empty') return refuse('nothing_to_serve');
    return {
      ok: true,
      outcome: 'served',
      body: SERVED_BODY,
      documentHash: createHash('sha256').update(SERVED_BODY).digest('hex'),
    };
  }
}
