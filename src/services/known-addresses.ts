// The addresses each login has passed the password check from, recently: a check from one of them is
// most likely the phone itself, and goes first when checks must wait (slow-check-queue.ts). Kept in
// memory and bounded, the least recent logins forgotten first.

/** Addresses remembered per login (a phone moving between networks, a few phones sharing a login). */
const PER_LOGIN = 4;

export class KnownAddresses {
  private readonly byLogin = new Map<string, string[]>();

  constructor(private readonly maxLogins = 100_000) {}

  has(login: string, address: string): boolean {
    return this.byLogin.get(login)?.includes(address) === true;
  }

  remember(login: string, address: string): void {
    const addresses = (this.byLogin.get(login) ?? []).filter((a) => a !== address);
    addresses.push(address);
    this.byLogin.delete(login);
    this.byLogin.set(login, addresses.slice(-PER_LOGIN));
    if (this.byLogin.size > this.maxLogins) {
      const oldest = this.byLogin.keys().next().value;
      if (oldest !== undefined) this.byLogin.delete(oldest);
    }
  }
}
