import { formatSubjectNumber, formatWebsiteNumber, provinceByCode } from "@openbeian/core";

/**
 * How a provincial bureau issues numbers (fact base §1.6): a subject number
 * `<prefix>ICP备<year><6-digit sequence>号` per province and year, then website
 * numbers `-1`, `-2`, … and app numbers `-1A`, … per subject. Numbers are never
 * reused, so the issuer only counts up; the counters live in a `SequenceSource`
 * (the simulator's database), which makes them gapless across restarts.
 */
export interface SequenceSource {
  /** Increments the counter `key` and returns its new value (1 for a new key). */
  next(key: string): number;
}

export class MemorySequences implements SequenceSource {
  private readonly counters = new Map<string, number>();
  next(key: string): number {
    const value = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, value);
    return value;
  }
}

export class NumberIssuer {
  constructor(private readonly sequences: SequenceSource = new MemorySequences()) {}

  issueSubject(divisionCode: string, year: number): string {
    const province = provinceByCode(divisionCode);
    if (!province) throw new Error(`unknown division code ${divisionCode}`);
    const key = `subject:${province.code}:${year}`;
    const sequence = this.sequences.next(key);
    if (sequence > 999_999) throw new Error(`subject numbers for ${key} are exhausted`);
    return formatSubjectNumber(province, `${year}${String(sequence).padStart(6, "0")}`);
  }

  /** Websites and apps share the subject's service sequence (-1, -2A, -3 …), as MIIT numbers them. */
  issueWebsite(subjectNumber: string): string {
    return formatWebsiteNumber(subjectNumber, this.sequences.next(`service:${subjectNumber}`));
  }

  issueApp(subjectNumber: string): string {
    return `${formatWebsiteNumber(subjectNumber, this.sequences.next(`service:${subjectNumber}`))}A`;
  }
}
