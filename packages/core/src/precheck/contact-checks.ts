import { isEmail } from "../validators/contact.ts";
import { checkPhone, phoneDigits as digits } from "../validators/phone.ts";
import { sourceOf, type CheckEnv } from "./env.ts";

/** Phone numbers and e-mail of every head (fact base §3.2, §4.3, §5.2). */
export function checkContacts(env: CheckEnv): void {
  const { out } = env;
  const rules = env.resolved.rules;
  for (const { at, person } of env.heads) {
    const value = person ?? {};
    if (out.required(`${at}.mobile`, value.mobile)) {
      const mobile = checkPhone(value.mobile ?? "", "mobile");
      if (!mobile.ok) {
        out.add(
          mobile.problem === "not_mobile" ? "mobile.not_mobile" : "mobile.format",
          `${at}.mobile`,
          mobile.problem === "not_mobile"
            ? {
                zh: "这是固定电话，请填写手机号码（工信部核验短信只发往手机）",
                en: "This is a landline; MIIT's SMS needs a mobile number",
              }
            : { zh: "手机号码格式不正确", en: "Not a valid mainland mobile number" },
          "fact-base §4.3",
        );
      }
    }
    const emergencyPresent = rules.emergencyContactRequired
      ? out.required(`${at}.emergencyPhone`, value.emergencyPhone)
      : !!value.emergencyPhone;
    if (emergencyPresent && !checkPhone(value.emergencyPhone ?? "", "any").normalized) {
      out.add(
        "phone.format",
        `${at}.emergencyPhone`,
        { zh: "电话号码格式不正确", en: "Not a valid phone number" },
        "fact-base §4.3",
      );
    }
    if (out.required(`${at}.email`, value.email) && !isEmail(value.email ?? "")) {
      out.add(
        "email.format",
        `${at}.email`,
        { zh: "电子邮箱格式不正确", en: "Not a valid e-mail address" },
        "fact-base §3.2",
      );
    }
    checkOfficePhone(env, at, value.officePhone, value.mobile);
  }
  checkDistinctContacts(env);
}

function checkOfficePhone(
  env: CheckEnv,
  at: string,
  officePhone: string | undefined,
  mobile: string | undefined,
) {
  const { out } = env;
  const rules = env.resolved.rules;
  const needed = env.personal ? rules.landlineRequiredForPersonal : rules.landlineRequiredForOrganisations;
  if (needed && !out.required(`${at}.officePhone`, officePhone)) return;
  if (!officePhone) return;
  const phone = checkPhone(officePhone, needed ? "landline" : "any");
  if (!phone.ok && !(phone.type === "mobile" && !needed)) {
    out.add(
      "office_phone.landline_required",
      `${at}.officePhone`,
      {
        zh: "该省要求办公电话为带区号的固定电话",
        en: "This province needs a landline with its area code as the office phone",
      },
      sourceOf(
        env,
        env.personal ? "landlineRequiredForPersonal" : "landlineRequiredForOrganisations",
        "T-SUBJ",
      ),
    );
  }
  if (rules.landlineMustDifferFromMobile && digits(officePhone) === digits(mobile)) {
    out.add(
      "office_phone.same_as_mobile",
      `${at}.officePhone`,
      {
        zh: "该省要求办公电话与手机号码不同",
        en: "This province wants the office phone to differ from the mobile",
      },
      sourceOf(env, "landlineMustDifferFromMobile", "T-SUBJ"),
    );
  }
}

/**
 * Contacts of different people must differ; an emergency number never equals a
 * head's mobile; a mobile belongs to one subject only (fact base §3.2).
 */
function checkDistinctContacts(env: CheckEnv) {
  const { out } = env;
  const rules = env.resolved.rules;
  const people = env.heads.map(({ at, person }) => ({
    at,
    identity: person?.certificateNumber?.trim().toUpperCase() ?? `${at}`,
    mobile: digits(person?.mobile),
    email: person?.email?.trim().toLowerCase() ?? "",
    emergency: digits(person?.emergencyPhone),
  }));
  const mobiles = new Set(people.map((person) => person.mobile).filter(Boolean));
  for (const person of people) {
    if (rules.emergencyMustDifferFromMobile && person.emergency && mobiles.has(person.emergency)) {
      out.add(
        "contact.emergency_distinct",
        `${person.at}.emergencyPhone`,
        {
          zh: "应急联系电话不能与负责人手机号码相同",
          en: "The emergency number must differ from the heads' mobile numbers",
        },
        sourceOf(env, "emergencyMustDifferFromMobile", "H-MAT, Q-GEN, J-GD"),
      );
    }
    // Each later head against every earlier one, so a shared number is reported once.
    for (const other of people.slice(0, people.indexOf(person))) {
      if (other.identity === person.identity) continue;
      for (const key of ["mobile", "email"] as const) {
        if (person[key] && person[key] === other[key]) {
          out.add(
            "contact.shared_between_heads",
            `${person.at}.${key}`,
            {
              zh: "不同负责人的联系方式不能相同",
              en: "Different responsible persons need different contact details",
            },
            "fact-base §3.2 [H-MAT]",
          );
        }
      }
    }
    if (person.mobile && env.context.records.mobilesOfOtherSubjects.map(digits).includes(person.mobile)) {
      out.add(
        "mobile.used_by_other_subject",
        `${person.at}.mobile`,
        {
          zh: "该手机号码已用于其他备案主体，一个手机号码只能用于一个主体",
          en: "This mobile number is already used by another filed subject",
        },
        "fact-base §3.2 [T-SITE] [T-SUBJ]",
      );
    }
  }
  if (rules.localMobileRequired) {
    out.add(
      "mobile.local_required",
      env.heads[0]?.at ? `${env.heads[0].at}.mobile` : "subject.head.mobile",
      {
        zh: "该省要求负责人使用本省号段的手机号码，初审时将核对",
        en: "This province wants local mobile numbers for the heads; the reviewer checks the segment",
      },
      sourceOf(env, "localMobileRequired", "T-SUBJ"),
      "warning",
    );
  }
}
