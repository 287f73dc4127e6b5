import { chinaDate, type OrderData } from "@openbeian/core";
import type { PdfFont } from "./font.ts";
import { ACCESS_PROVIDER, MIIT_URL, certificateLabel, subjectTypeLabel } from "./labels.ts";
import { PdfWriter } from "./pdf-writer.ts";

/**
 * 网站备案信息真实性核验单: the order's data as it stands, for the subject head to
 * check, sign by hand and upload as the `verification_form` material.
 */
export interface OrderDocumentInput {
  orderNumber: string;
  data: OrderData;
  createdAt: Date;
}

export const VERIFICATION_FORM_TITLE = "网站备案信息真实性核验单";

export async function verificationForm(font: PdfFont, input: OrderDocumentInput): Promise<Buffer> {
  const { data, orderNumber, createdAt } = input;
  const subject = data.subject ?? {};
  const head = subject.head ?? {};
  const writer = new PdfWriter(font, { title: VERIFICATION_FORM_TITLE, orderNumber, createdAt })
    .title(VERIFICATION_FORM_TITLE, `备案订单号：${orderNumber}    生成日期：${day(createdAt)}`)
    .heading("一、主办者信息")
    .row("主办者名称", subject.name)
    .row("主办者性质", subjectTypeLabel(subject.type))
    .row("证件类型", certificateLabel(subject.certificateType))
    .row("证件号码", subject.certificateNumber)
    .row("通信地址", subject.address)
    .heading("二、主办者负责人")
    .row("姓名", head.name)
    .row("证件类型", certificateLabel(head.certificateType))
    .row("证件号码", head.certificateNumber)
    .row("手机号码", head.mobile)
    .row("电子邮箱", head.email);
  const websites = data.websites ?? [];
  websites.forEach((website, index) => {
    writer
      .heading(`三、网站信息${websites.length > 1 ? `（${index + 1}/${websites.length}）` : ""}`)
      .row("网站名称", website.name)
      .row("网站域名", website.domain)
      .row("首页网址", website.homeUrl)
      .row("网站负责人", website.head?.name)
      .row("负责人证件号码", website.head?.certificateNumber)
      .row("负责人手机号码", website.head?.mobile)
      .row("接入服务商", ACCESS_PROVIDER);
  });
  if (websites.length === 0) writer.heading("三、网站信息").row("接入服务商", ACCESS_PROVIDER);
  return writer
    .heading("四、主办者承诺")
    .paragraph(
      "本单位（本人）承诺：以上所填报的备案信息真实、准确、完整，如有虚假，愿意承担由此产生的一切法律责任；" +
        "网站不制作、复制、发布、传播法律法规禁止的信息；取得备案号后，将在网站首页底部显著位置标明备案编号，" +
        // The address on a line of its own: a line break inside it would misprint it.
        `并链接至工业和信息化部政务服务平台：\n${MIIT_URL}`,
    )
    .signature("主办者负责人")
    .note(
      "请核对以上信息，打印后由主办者负责人手写签字并填写日期，拍照或扫描后在订单的“核验单”材料处上传。" +
        "本核验单由 OpenBeian 根据订单当前信息生成，信息修改后请重新下载。",
    )
    .finish();
}

/** The date in China, as the applicant signs it. */
export const day = (date: Date) => chinaDate(date);
