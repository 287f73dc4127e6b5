import type { AttemptCounter } from "../http/attempt-counter.ts";
import { rateLimited } from "../http/rate-limit.ts";

/** Wrong passwords one account may take in a window before it refuses every login until the window ends. */
export const LOGIN_FAILURES_PER_ACCOUNT = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Password guessing against one account from many addresses: the per-address limit
 * on the route does not see it, so wrong passwords are also counted per e-mail
 * address. Unknown addresses are counted alike, so the limit does not tell which
 * addresses have accounts. Once reached, even the right password is refused until
 * the window ends (otherwise the limit would confirm a guess); the owner waits at
 * most 15 minutes, or resets the password by e-mail, which is not limited by this.
 * A successful login clears the count.
 */
export class LoginFailures {
  constructor(private readonly attempts: AttemptCounter) {}

  /** Throws RATE_LIMITED (with Retry-After) while the account has taken too many wrong passwords. */
  async assertAllowed(email: string): Promise<void> {
    const { count, resetInMs } = await this.attempts.peek(NAMESPACE, keyOf(email), LOGIN_FAILURE_WINDOW_MS);
    if (count >= LOGIN_FAILURES_PER_ACCOUNT) throw rateLimited(resetInMs);
  }

  async failed(email: string): Promise<void> {
    await this.attempts.hit(NAMESPACE, keyOf(email), LOGIN_FAILURE_WINDOW_MS);
  }

  async succeeded(email: string): Promise<void> {
    await this.attempts.reset(NAMESPACE, keyOf(email));
  }
}

const NAMESPACE = "login-failures";

const keyOf = (email: string) => email.trim().toLowerCase();
