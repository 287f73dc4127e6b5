import type { LocalizedText } from "../text.ts";

/**
 * Common return reasons (退回原因模板) a reviewer picks from, per field, so the applicant gets a
 * clear and uniform reason (fact base §10.2). `field` is the order data path the return names;
 * `*` stands for the website's index (`websites.*.name` → `websites.0.name`). Templates with a
 * `ruleId` repeat the pre-check rule a reviewer sees on the order (core/precheck) in words that
 * ask the applicant to act.
 */
export interface ReasonTemplate {
  id: string;
  field: string;
  ruleId?: string;
  text: LocalizedText;
}

const t = (id: string, field: string, zh: string, en: string, ruleId?: string): ReasonTemplate =>
  ruleId ? { id, field, ruleId, text: { zh, en } } : { id, field, text: { zh, en } };

export const REASON_TEMPLATES: readonly ReasonTemplate[] = [
  // Website name (W1, §4.4)
  t(
    "website.name.generic",
    "websites.*.name",
    "网站名称不能使用“博客”“论坛”等泛化词语或仅用行业名称，请使用能体现网站内容的具体名称",
    "The website name may not be a generic word such as 'blog' or 'forum' or only an industry; use a specific name that reflects the content",
  ),
  t(
    "website.name.mismatch",
    "websites.*.name",
    "网站名称与网站实际内容或主办者不符，请修改为与内容相符的名称",
    "The website name does not match the site's content or its subject; use a name that fits the content",
  ),
  t(
    "website.name.personal_commercial",
    "websites.*.name",
    "个人网站名称不能含有企业、公司、官网等具有经营性质的词语",
    "A personal website's name may not contain words such as company, enterprise or official site",
  ),
  // Website remark and content (W2)
  t(
    "website.remark.vague",
    "websites.*.remark",
    "网站备注过于简单，请如实、具体描述网站的主要内容和用途（不少于20字）",
    "The remark is too vague: describe the site's main content and purpose concretely (at least 20 characters)",
  ),
  t(
    "website.remark.commercial",
    "websites.*.remark",
    "个人网站不能涉及经营性、企业宣传或论坛等交互内容，请修改网站备注与内容",
    "A personal site may not carry commercial, company or interactive forum content; change the remark and the content",
  ),
  // Contacts (C1–C4)
  t(
    "contact.mobile.unreachable",
    "subject.head.mobile",
    "审核员致电负责人手机未能接通，请确认号码正确且畅通后重新提交",
    "The reviewer could not reach the head's mobile: check the number works and resubmit",
  ),
  t(
    "contact.mobile.not_own",
    "subject.head.mobile",
    "负责人手机号码须为负责人本人实名登记的号码，请修改",
    "The head's mobile must be registered in the head's own name; change it",
  ),
  t(
    "contact.website_mobile.unreachable",
    "websites.*.head.mobile",
    "网站负责人手机号码无法接通，请确认号码正确且畅通后重新提交",
    "The website head's mobile could not be reached: check the number works and resubmit",
  ),
  t(
    "contact.emergency.same",
    "subject.head.emergencyPhone",
    "应急联系电话不能与负责人手机号码相同，请填写其他可联系的号码",
    "The emergency number must differ from the heads' mobiles; enter another number",
  ),
  t(
    "contact.email.invalid",
    "subject.head.email",
    "电子邮箱无法使用或不属于负责人，请填写负责人常用的电子邮箱",
    "The e-mail address does not work or is not the head's; enter the head's own address",
  ),
  // Certificates and photos (S4, M1)
  t(
    "material.id_front.unclear",
    "materials.id_front",
    "证件人像面照片不清晰、不完整或有反光遮挡，请上传原件的清晰彩色照片（四角完整）",
    "The photo of the ID's portrait side is unclear, cropped or has glare: upload a clear colour photo of the original with all four corners",
  ),
  t(
    "material.id_back.unclear",
    "materials.id_back",
    "证件国徽面照片不清晰或不完整，请上传原件的清晰彩色照片，并确认证件在有效期内",
    "The photo of the ID's emblem side is unclear or cropped: upload a clear colour photo of the original and check it is still valid",
  ),
  t(
    "material.certificate_scan.unclear",
    "materials.certificate_scan",
    "单位证件照片不清晰、为复印件或电子执照，请上传原件的清晰彩色照片",
    "The organisation's certificate is unclear, a photocopy or an e-licence: upload a clear colour photo of the original",
  ),
  t(
    "material.certificate.mismatch",
    "subject.certificateNumber",
    "证件号码与证件照片不一致，请核对后修改",
    "The certificate number differs from the photo of the certificate; check and correct it",
  ),
  // Face check (M2)
  t(
    "material.face_capture.failed",
    "materials.face_capture",
    "人脸核验照片不合格（光线、背景或角度不符合要求，或与证件照片不一致），请在光线充足处正对镜头重新拍摄，不要佩戴帽子或眼镜",
    "The face photo failed (light, background or angle, or it does not match the ID): take it again facing the camera in good light, without hat or glasses",
  ),
  // Address (S1, S3)
  t(
    "subject.address.incomplete",
    "subject.address",
    "通讯地址不详细，请填写到门牌号（如××路××号××室）",
    "The postal address is incomplete: give it down to the house number (road, number, room)",
  ),
  t(
    "subject.address.mismatch",
    "subject.address",
    "通讯地址与证件地址或备案省份不一致，请填写在备案省份的实际地址",
    "The address differs from the certificate's or lies outside the filing province; give the real address in the province",
  ),
  // Domain (D3–D5)
  t(
    "domain.real_name.mismatch",
    "websites.*.domain",
    "域名实名认证信息与主办者不一致（名称或证件号码），请将域名过户或实名认证到主办者名下",
    "The domain's real-name holder differs from the subject (name or certificate): transfer the domain to the subject or verify it in the subject's name",
  ),
  t(
    "domain.real_name.pending",
    "websites.*.domain",
    "域名实名认证尚未完成或未同步至管局，请在实名认证完成3个工作日后重新提交",
    "The domain's real-name verification is not finished or not yet synced to the bureau: resubmit 3 working days after it completes",
  ),
  t(
    "domain.resolving",
    "websites.*.domain",
    "备案期间域名不能解析到未备案的服务器或开通访问，请暂停解析后重新提交",
    "During filing the domain may not resolve to an unfiled server or serve content: stop the resolution and resubmit",
  ),

  // Pre-check rules a reviewer sees on the order (grep `out.add(` in core/precheck).
  t(
    "rule.mobile.not_mobile",
    "subject.head.mobile",
    "负责人联系电话须为手机号码（工信部核验短信只发往手机），请修改",
    "The head's number must be a mobile (MIIT's SMS goes only to mobiles); change it",
    "mobile.not_mobile",
  ),
  t(
    "rule.mobile.used_by_other_subject",
    "subject.head.mobile",
    "该手机号码已用于其他备案主体，一个手机号码只能用于一个主体，请更换号码",
    "This mobile is already used by another filed subject (one mobile, one subject); use another number",
    "mobile.used_by_other_subject",
  ),
  t(
    "rule.mobile.local_required",
    "subject.head.mobile",
    "该省要求负责人使用本省号段的手机号码，请修改",
    "This province wants the heads to use local mobile numbers; change it",
    "mobile.local_required",
  ),
  t(
    "rule.contact.emergency_distinct",
    "subject.head.emergencyPhone",
    "应急联系电话不能与负责人手机号码相同",
    "The emergency number must differ from the heads' mobiles",
    "contact.emergency_distinct",
  ),
  t(
    "rule.contact.shared_between_heads",
    "websites.*.head.mobile",
    "不同负责人的联系方式不能相同，请填写各自本人的联系方式",
    "Different responsible persons need their own contact details",
    "contact.shared_between_heads",
  ),
  t(
    "rule.office_phone.landline_required",
    "subject.head.officePhone",
    "该省要求办公电话为带区号的固定电话，请修改",
    "This province needs a landline with its area code as the office phone",
    "office_phone.landline_required",
  ),
  t(
    "rule.address.house_number",
    "subject.address",
    "该省要求通讯地址详细到门牌号，没有门牌号的请在备注中说明",
    "This province wants the address down to the house number (explain in the remark if there is none)",
    "address.house_number",
  ),
  t(
    "rule.certificate.expiring",
    "subject.head.certificateValidTo",
    "证件即将到期，请更换有效期更长的证件后重新提交",
    "The certificate expires soon; resubmit with a certificate valid for longer",
    "certificate.expiring",
  ),
  t(
    "rule.certificate.temporary_refused",
    "subject.head.certificateType",
    "该省不接受临时身份证备案，请使用正式居民身份证",
    "This province does not accept temporary ID cards; use a regular resident ID",
    "certificate.temporary_refused",
  ),
  t(
    "rule.subject_head.must_be_legal_rep",
    "subject.head.name",
    "该省要求主体负责人为法定代表人，请修改主体负责人信息",
    "This province requires the subject head to be the legal representative; change the head",
    "subject_head.must_be_legal_rep",
  ),
  t(
    "rule.personal.residence_permit_needed",
    "subject.residencePermit",
    "使用外省身份证在本省备案需提供本省居住证，请上传居住证",
    "Filing here with an ID card from another province needs a residence permit of this province; upload it",
    "personal.residence_permit_needed",
  ),
  t(
    "rule.subject.name_not_personal",
    "subject.name",
    "个人备案的主办者名称应为本人姓名，单位请以单位性质备案",
    "A personal subject's name is the person's name; file an organisation as an organisation",
    "subject.name_not_personal",
  ),
  t(
    "rule.website.remark_too_short",
    "websites.*.remark",
    "网站备注需如实描述网站内容，不少于20字",
    "Describe the website's real content in at least 20 characters",
    "website.remark_too_short",
  ),
  t(
    "rule.website.name_duplicate",
    "websites.*.name",
    "同一主体下的网站名称不能相同，请修改",
    "Websites of one subject need different names",
    "website.name_duplicate",
  ),
  t(
    "rule.name.no_chinese",
    "websites.*.name",
    "网站名称请使用中文，至少3个汉字",
    "Use a Chinese website name of at least 3 characters",
    "name.no_chinese",
  ),
  t(
    "rule.name.domain",
    "websites.*.name",
    "网站名称不能使用域名，请使用中文名称",
    "The website name may not be a domain name; use a Chinese name",
    "name.domain",
  ),
  t(
    "rule.name.special_symbols",
    "websites.*.name",
    "网站名称不能含有特殊符号，仅可使用“() -”",
    'The website name may only use the symbols "() -"',
    "name.special_symbols",
  ),
  t(
    "rule.domain.not_real_name",
    "websites.*.domain",
    "域名未完成实名认证，请完成实名认证后重新提交",
    "The domain is not real-name verified; finish that and resubmit",
    "domain.not_real_name",
  ),
  t(
    "rule.domain.real_name_recent",
    "websites.*.domain",
    "域名实名认证不足3个工作日，信息尚未同步至管局，请稍后重新提交",
    "The domain was verified less than 3 working days ago and the bureau does not have it yet; resubmit later",
    "domain.real_name_recent",
  ),
  t(
    "rule.domain.holder_mismatch",
    "websites.*.domain",
    "域名持有者须与主办者一致（名称与证件），请过户或重新实名认证",
    "The domain holder must be the subject (name and certificate); transfer or re-verify it",
    "domain.holder_mismatch",
  ),
  t(
    "rule.domain.expiring",
    "websites.*.domain",
    "域名有效期不足3个月，请续费后重新提交",
    "The domain expires within 3 months; renew it and resubmit",
    "domain.expiring",
  ),
  t(
    "rule.domain.suffix_not_approved",
    "websites.*.domain",
    "域名后缀不在可备案后缀名单中，请更换域名",
    "The domain's suffix cannot be filed; use another domain",
    "domain.suffix_not_approved",
  ),
  t(
    "rule.server.expiring",
    "websites.*.serviceCode",
    "服务器剩余时长不足3个月，请续费或开启自动续费后重新提交",
    "Less than 3 months left on the server: renew or turn on auto-renewal, then resubmit",
    "server.expiring",
  ),
  t(
    "rule.material.missing.id_front",
    "materials.id_front",
    "请上传证件人像面照片",
    "Upload the photo of the ID's portrait side",
    "material.missing.id_front",
  ),
  t(
    "rule.material.missing.id_back",
    "materials.id_back",
    "请上传证件国徽面照片",
    "Upload the photo of the ID's emblem side",
    "material.missing.id_back",
  ),
  t(
    "rule.material.missing.face_capture",
    "materials.face_capture",
    "请完成人脸核验",
    "Complete the face check",
    "material.missing.face_capture",
  ),
];
