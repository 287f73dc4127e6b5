/**
 * Who MIIT asks to verify by SMS, per order type as the regulator receives it
 * (fact base §2.5; mandatory since 2020-08-17 except 取消接入). The same person
 * heading both the subject and a website verifies once. Shared by the platform
 * (which tells the applicant who will get a text) and the simulator (which sends them).
 */
export interface SmsRule {
  subjectHead: boolean;
  /** The heads of the websites (or of the app) in the order. */
  websiteHeads: boolean;
}

export const SMS_MATRIX = {
  first_filing: { subjectHead: true, websiteHeads: true },
  add_website: { subjectHead: true, websiteHeads: true },
  /** The website head on the ORIGINAL filing verifies. */
  add_access: { subjectHead: false, websiteHeads: true },
  /** 变更备案 of subject and website together. */
  change_filing: { subjectHead: true, websiteHeads: true },
  change_subject: { subjectHead: true, websiteHeads: false },
  change_website: { subjectHead: false, websiteHeads: true },
  change_access: { subjectHead: false, websiteHeads: false },
  cancel_subject: { subjectHead: true, websiteHeads: false },
  cancel_website: { subjectHead: false, websiteHeads: false },
  cancel_access: { subjectHead: false, websiteHeads: false },
  /** APP备案: like a new website, the app's head in the website heads' place. */
  app: { subjectHead: true, websiteHeads: true },
} as const satisfies Record<string, SmsRule>;

export type RegulatorOrderType = keyof typeof SMS_MATRIX;

export function isRegulatorOrderType(value: string): value is RegulatorOrderType {
  return Object.hasOwn(SMS_MATRIX, value);
}

/** Whether MIIT asks anyone to verify an order of this type by SMS (§2.5: not for 注销网站, 取消接入, 变更接入). */
export function sendsSms(type: RegulatorOrderType): boolean {
  return SMS_MATRIX[type].subjectHead || SMS_MATRIX[type].websiteHeads;
}
