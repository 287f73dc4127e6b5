import { Unreachable } from "./http-actor.ts";
import type { Ledger } from "./ledger.ts";

/**
 * The people of a load run, each a loop of HTTP requests against a platform
 * that may die at any moment: applicants who create, fill in, submit, fix,
 * withdraw and abandon their orders; reviewers who approve, return and reject;
 * the regulator, who reports SMS and bureau outcomes and now and then delivers a
 * message twice. Each loop reads the order before it acts, so a request whose
 * answer was lost in a crash is simply found applied (or not) on the next turn.
 */
export interface LoadContext {
  ledger: Ledger;
  board: Board;
  stopped(): boolean;
}

/** What every actor knows about the orders in play: their numbers, domains and last seen state. */
export class Board {
  readonly orders = new Map<string, { number: string; domain: string; state: string }>();

  note(order: { id: string; number: string; state: string }, domain?: string): void {
    const known = this.orders.get(order.id);
    this.orders.set(order.id, {
      number: order.number,
      domain: domain ?? known?.domain ?? "",
      state: order.state,
    });
  }

  /** A random order last seen in one of `states`. */
  pick(states: ReadonlySet<string>): [string, { number: string; domain: string; state: string }] | null {
    const candidates = [...this.orders].filter(([, order]) => states.has(order.state));
    return candidates.length === 0 ? null : candidates[Math.floor(Math.random() * candidates.length)]!;
  }
}

/** Runs `step` until the load stops; a request that got no answer waits a moment and the loop goes on. */
export async function loop(load: LoadContext, step: () => Promise<boolean | void>): Promise<void> {
  while (!load.stopped()) {
    try {
      if ((await step()) === false) return;
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
      load.ledger.unanswered++;
      // The server is down (or dying): try again soon, without stealing its start-up's CPU.
      await sleep(250 + Math.random() * 250);
    }
  }
}

export const chance = (probability: number) => Math.random() < probability;
/** Waiting for someone else's move: a pause long enough not to flood the server with reads. */
export const idle = () => sleep(80 + Math.random() * 120);
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
