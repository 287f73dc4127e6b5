import type { OrderData } from "@openbeian/core";

/** Chinese labels for the codes of the order data, as the forms print them. */
type CertificateType = NonNullable<NonNullable<OrderData["subject"]>["certificateType"]>;

const CERTIFICATE_TYPES: Record<CertificateType, string> = {
  resident_id: "居民身份证",
  temporary_resident_id: "临时居民身份证",
  hk_macao_permit: "港澳居民来往内地通行证",
  taiwan_permit: "台湾居民来往大陆通行证",
  passport: "护照",
  foreign_permanent_resident: "外国人永久居留身份证",
  hmt_residence_permit: "港澳台居民居住证",
  business_licence: "营业执照（统一社会信用代码）",
  public_institution: "事业单位法人证书",
  social_organization: "社会团体法人登记证书",
};

export function certificateLabel(type: string | undefined): string | undefined {
  return type ? (CERTIFICATE_TYPES[type as CertificateType] ?? type) : undefined;
}

export function subjectTypeLabel(type: string | undefined): string {
  return type === "organization" ? "单位" : "个人";
}

export const ACCESS_PROVIDER = "OpenBeian 接入服务";
export const MIIT_URL = "https://beian.miit.gov.cn/";
