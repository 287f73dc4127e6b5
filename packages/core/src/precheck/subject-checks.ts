import { DAY_MS } from "../clock.ts";
import { provinceByCode } from "../data/provinces.ts";
import {
  ORGANIZATION_CERTIFICATE_TYPES,
  PERSONAL_CERTIFICATE_TYPES,
  type Person,
} from "../filing/order-data.ts";
import { checkUscc } from "../validators/uscc.ts";
import { sourceOf, type CheckEnv } from "./env.ts";
import { ageOn, checkIdentity } from "./identity.ts";

/** The subject (主办者) and the people responsible for it (fact base §3.1, §3.2, §4.3). */
export function checkSubject(env: CheckEnv): void {
  const { out } = env;
  const subject = env.order.subject ?? {};
  out.required("subject.type", subject.type);
  out.required("subject.name", subject.name);
  out.required("subject.certificateType", subject.certificateType);
  out.required("subject.address", subject.address);
  if (out.required("subject.divisionCode", subject.divisionCode) && !env.province) {
    out.add(
      "division.unknown",
      "subject.divisionCode",
      { zh: "未知的行政区划代码", en: "Unknown division code" },
      "fact-base §5.1",
    );
  }
  const certificateTypes: readonly string[] = env.personal
    ? PERSONAL_CERTIFICATE_TYPES
    : ORGANIZATION_CERTIFICATE_TYPES;
  if (subject.certificateType && !certificateTypes.includes(subject.certificateType)) {
    out.add(
      "subject.certificate_type_mismatch",
      "subject.certificateType",
      {
        zh: "证件类型与主办者性质不符（个人用个人证件，单位用单位证件）",
        en: "The certificate type does not fit the subject type",
      },
      "fact-base §4.3 [R-FIELD]",
    );
  }
  if (out.required("subject.certificateNumber", subject.certificateNumber)) {
    if (env.personal) checkPersonIdentity(env, subject, "subject");
    else checkOrganisationCertificate(env, subject.certificateNumber ?? "");
  }
  checkNameFitsType(env);
  if (env.personal) checkPersonalSubject(env);
  else checkOrganisation(env);
  if (
    subject.address &&
    env.resolved.rules.addressToHouseNumber &&
    !/\d+\s*(号|弄|栋|幢|室|号楼)/.test(subject.address)
  ) {
    out.add(
      "address.house_number",
      "subject.address",
      {
        zh: "该省要求通讯地址详细到门牌号；没有门牌号的请在备注中说明",
        en: "This province wants the address down to the house number (explain in the remark if there is none)",
      },
      sourceOf(env, "addressToHouseNumber", "T-SUBJ"),
      "warning",
    );
  }
}

/** The checks every head (subject head and website heads) must pass. */
export function checkHead(env: CheckEnv, person: Person | undefined, at: string): void {
  const { out } = env;
  const value = person ?? {};
  out.required(`${at}.name`, value.name);
  out.required(`${at}.certificateType`, value.certificateType);
  if (out.required(`${at}.certificateNumber`, value.certificateNumber)) checkPersonIdentity(env, value, at);
  const validTo = value.certificateValidTo;
  if (!value.certificateLongTerm && out.required(`${at}.certificateValidTo`, validTo) && validTo) {
    const days = env.resolved.rules.certificateMinValidityDays;
    if (new Date(`${validTo}T00:00:00+08:00`).getTime() - env.context.today.getTime() < days * DAY_MS) {
      out.add(
        "certificate.expiring",
        `${at}.certificateValidTo`,
        {
          zh: `证件有效期需在${days}天以上`,
          en: `The certificate must stay valid for more than ${days} days`,
        },
        sourceOf(env, "certificateMinValidityDays", "H-REJ"),
      );
    }
  }
}

function checkPersonIdentity(
  env: CheckEnv,
  person: Person | { certificateType?: string; certificateNumber?: string },
  at: string,
) {
  const { out, context } = env;
  const field = `${at}.certificateNumber`;
  const result = checkIdentity(person.certificateType, person.certificateNumber ?? "", context.today);
  if (!result.ok) {
    out.add(
      result.ruleId ?? "certificate.format",
      field,
      result.message ?? { zh: "证件号码无效", en: "Invalid certificate number" },
      "fact-base §4.3 [STD-RIC]",
    );
    return;
  }
  if (person.certificateType === "temporary_resident_id" && !env.resolved.rules.temporaryIdAccepted) {
    out.add(
      "certificate.temporary_refused",
      `${at}.certificateType`,
      { zh: "该省不接受临时身份证备案", en: "This province does not accept temporary ID cards" },
      sourceOf(env, "temporaryIdAccepted", "T-2017, H-PROV"),
    );
  }
  if (result.birthDate) {
    const age = ageOn(result.birthDate, context.today);
    const minAge = env.resolved.rules.minAge;
    if (age < minAge) {
      const proof = env.resolved.rules.minorProof;
      out.add(
        "person.too_young",
        field,
        proof === "none"
          ? { zh: `备案负责人须年满${minAge}周岁`, en: `Responsible persons must be at least ${minAge}` }
          : {
              zh: `未满${minAge}周岁需提供${proof === "guardian_id" ? "监护人身份证明" : "工作或收入证明"}`,
              en: `Under ${minAge} needs ${proof === "guardian_id" ? "a guardian's ID" : "proof of employment or income"}`,
            },
        sourceOf(env, "minAge", "H-PROV"),
        proof === "none" ? "error" : "warning",
      );
    }
  }
}

function checkOrganisationCertificate(env: CheckEnv, value: string) {
  const result = checkUscc(value);
  if (result.ok) return;
  const messages = {
    format: { zh: "统一社会信用代码应为18位", en: "A unified social credit code has 18 characters" },
    charset: {
      zh: "统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）",
      en: "The code has characters it cannot contain (no I, O, S, V, Z)",
    },
    region: {
      zh: "统一社会信用代码中的行政区划码不存在",
      en: "Unknown division code inside the credit code",
    },
    checksum: { zh: "统一社会信用代码校验位错误", en: "Wrong check character in the credit code" },
  };
  const problem = result.problem ?? "format";
  env.out.add(`uscc.${problem}`, "subject.certificateNumber", messages[problem], "fact-base §4.3 [STD-USCC]");
}

/** A "某某公司" is an organisation with a business licence, never a person (MIIT filling standard). */
function checkNameFitsType(env: CheckEnv) {
  const name = env.order.subject?.name ?? "";
  if (env.personal && /(公司|集团|工作室|研究院|协会|事务所|中心)$/.test(name)) {
    env.out.add(
      "subject.name_not_personal",
      "subject.name",
      {
        zh: "个人备案的主办者名称应为本人姓名，不能是单位名称",
        en: "A personal subject's name is the person's name, not an organisation's",
      },
      "fact-base §4.3 [R-FIELD]",
    );
  }
}

function checkPersonalSubject(env: CheckEnv) {
  const { out } = env;
  const subject = env.order.subject ?? {};
  const head = subject.head;
  if (head?.name && subject.name && head.name.trim() !== subject.name.trim()) {
    out.add(
      "personal.head_is_subject",
      "subject.head.name",
      {
        zh: "个人备案的主体负责人必须是主办者本人",
        en: "For a personal filing the subject head must be the subject themself",
      },
      "fact-base §3.2",
    );
  }
  if (
    head?.certificateNumber &&
    subject.certificateNumber &&
    head.certificateNumber.trim().toUpperCase() !== subject.certificateNumber.trim().toUpperCase()
  ) {
    out.add(
      "personal.head_is_subject",
      "subject.head.certificateNumber",
      {
        zh: "主体负责人证件号码须与主办者证件号码一致",
        en: "The subject head's certificate number must equal the subject's",
      },
      "fact-base §3.2",
    );
  }
  // Filing outside the province of the ID card (fact base §5.2: cross-province personal filing).
  const idProvince =
    subject.certificateType === "resident_id" ? subject.certificateNumber?.trim().slice(0, 2) : undefined;
  if (env.province && idProvince && provinceByCode(idProvince) && idProvince !== env.province) {
    const rule = env.resolved.rules.crossProvincePersonal;
    const source = sourceOf(env, "crossProvincePersonal", "H-PROV");
    if (rule === "refused") {
      out.add(
        "personal.cross_province_refused",
        "subject.divisionCode",
        {
          zh: "该省不接受外省身份证的个人备案，请在身份证所在省份备案",
          en: "This province does not accept personal filings with an ID card from another province",
        },
        source,
      );
    } else if (!subject.residencePermit) {
      out.add(
        "personal.residence_permit_needed",
        "subject.residencePermit",
        {
          zh: "使用外省身份证在本省备案需提供本省居住证",
          en: "Filing here with an ID card from another province needs a residence permit of this province",
        },
        source,
      );
    }
  }
}

function checkOrganisation(env: CheckEnv) {
  const { out } = env;
  const subject = env.order.subject ?? {};
  const legal = subject.legalRepresentative;
  if (!out.required("subject.legalRepresentative.name", legal?.name)) return;
  const headIsLegalRep = subject.head?.name?.trim() === legal?.name?.trim();
  if (!headIsLegalRep && env.resolved.rules.subjectHeadMustBeLegalRep === "required") {
    out.add(
      "subject_head.must_be_legal_rep",
      "subject.head.name",
      {
        zh: "该省要求主体负责人必须是法定代表人",
        en: "This province requires the subject head to be the legal representative",
      },
      sourceOf(env, "subjectHeadMustBeLegalRep", "T-SUBJ"),
    );
  }
}
