import type { Answer } from "./http-actor.ts";

/**
 * Conflicting requests fired at once (across API processes) and their tally:
 * each race must have exactly one winner; every other request is refused with
 * 409 and a stable code, or (a regulator message delivered twice) acknowledged
 * as a duplicate without being applied again.
 */
export class RaceTally {
  races = 0;
  requests = 0;
  readonly refusals = new Map<string, number>();
  readonly problems: string[] = [];

  /** Fires every request at once; returns the winner's answer (or null when the race had none). */
  async run(name: string, requests: (() => Promise<Answer>)[], winners: (answer: Answer) => boolean = isOk) {
    const answers = await Promise.all(requests.map((request) => request()));
    this.races++;
    this.requests += answers.length;
    const won = answers.filter(winners);
    if (won.length !== 1) this.problems.push(`${name}: ${won.length} winners (${statuses(answers)})`);
    for (const answer of answers) {
      if (winners(answer) || (answer.status === 200 && answer.body?.duplicate === true)) continue;
      const code = String(answer.body?.code ?? "");
      if (answer.status !== 409 || !STABLE_CODES.has(code))
        this.problems.push(
          `${name}: a loser answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
        );
      else this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
    }
    return { winner: won.length === 1 ? won[0]! : null, answers };
  }
}

/** What a losing request may be told: someone changed the order first, or its state no longer allows the action. */
const STABLE_CODES = new Set(["VERSION_CONFLICT", "TRANSITION_NOT_ALLOWED", "ACTIVE_ORDER_EXISTS"]);

const isOk = (answer: Answer) => answer.status >= 200 && answer.status < 300;

/** A regulator message applied by this delivery (not recognised as one applied before). */
export const appliedMessage = (answer: Answer) => answer.status === 200 && answer.body?.duplicate === false;

const statuses = (answers: Answer[]) =>
  answers.map((answer) => `${answer.status}${answer.body?.code ? ` ${answer.body.code}` : ""}`).join(", ");
