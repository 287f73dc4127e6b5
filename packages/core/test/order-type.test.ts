import assert from "node:assert/strict";
import { test } from "node:test";
import { determineOrderType, type DomainRecord, type SubjectRecord } from "../src/filing/order-type.ts";

/** Fact base §1.2: the type follows from the certificate and the domain against the records. */
const CASES: [SubjectRecord, DomainRecord, string][] = [
  [null, null, "first_filing"],
  ["this_account", null, "add_website"],
  ["other_provider", null, "add_website_subject_elsewhere"],
  [null, "other_provider", "add_access"],
  ["other_provider", "other_provider", "add_access"],
  ["this_account", "other_provider", "add_access"],
  ["other_account", null, "claim_or_transfer"],
  ["other_account", "other_provider", "claim_or_transfer"],
  [null, "this_provider", "already_filed_here"],
  ["this_account", "this_provider", "already_filed_here"],
];

for (const [subject, domain, expected] of CASES) {
  test(`subject ${subject ?? "unfiled"}, domain ${domain ?? "unfiled"} → ${expected} (fact base §1.2)`, () => {
    const decision = determineOrderType(subject, domain);
    assert.equal(decision.type, expected);
    assert.ok(decision.why.zh.length > 0 && decision.why.en.length > 0);
  });
}
