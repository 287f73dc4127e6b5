import { formatSubjectNumber, formatWebsiteNumber, provinceByCode } from "@openbeian/core";

/**
 * How a provincial bureau issues numbers (fact base §1.6): a subject number
 * `<prefix>ICP备<year><6-digit sequence>号` per province and year, then website
 * numbers `-1`, `-2`, … per subject. Numbers are never reused, so the issuer
 * only counts up. State is plain data so the simulator can persist it.
 */
export interface IssuerState {
  /** Last subject sequence by `<province code>:<year>`. */
  subjects: Record<string, number>;
  /** Last website sequence by subject number. */
  websites: Record<string, number>;
}

export class NumberIssuer {
  constructor(private readonly state: IssuerState = { subjects: {}, websites: {} }) {}

  issueSubject(divisionCode: string, year: number): string {
    const province = provinceByCode(divisionCode);
    if (!province) throw new Error(`unknown division code ${divisionCode}`);
    const key = `${province.code}:${year}`;
    const sequence = (this.state.subjects[key] ?? 0) + 1;
    if (sequence > 999_999) throw new Error(`subject numbers for ${key} are exhausted`);
    this.state.subjects[key] = sequence;
    return formatSubjectNumber(province, `${year}${String(sequence).padStart(6, "0")}`);
  }

  issueWebsite(subjectNumber: string): string {
    const sequence = (this.state.websites[subjectNumber] ?? 0) + 1;
    this.state.websites[subjectNumber] = sequence;
    return formatWebsiteNumber(subjectNumber, sequence);
  }

  snapshot(): IssuerState {
    return structuredClone(this.state);
  }
}
