import type { PdfFont } from "./font.ts";
import { ACCESS_PROVIDER, MIIT_URL, certificateLabel } from "./labels.ts";
import { PdfWriter } from "./pdf-writer.ts";
import { day, type OrderDocumentInput } from "./verification-form.ts";

/** 互联网信息服务备案承诺书: the standard commitments, signed by hand and uploaded. */
export const COMMITMENT_LETTER_TITLE = "互联网信息服务备案承诺书";

const COMMITMENTS = [
  "本单位（本人）所提交的备案信息及材料真实、准确、完整，不存在虚假、隐瞒或冒用他人信息的情况；如有不实，愿意承担由此产生的一切法律责任。",
  "本单位（本人）已知悉并遵守《中华人民共和国网络安全法》《互联网信息服务管理办法》《非经营性互联网信息服务备案管理办法》等法律法规，不利用网站制作、复制、发布、传播法律法规禁止的信息。",
  "网站不从事未经许可的经营性互联网信息服务；涉及新闻、出版、教育、医疗保健、药品和医疗器械等须经前置审批的内容，已取得有关主管部门的批准文件。",
  `取得备案号后，将在网站首页底部中间位置显著标明备案编号，并链接至工业和信息化部政务服务平台 ${MIIT_URL}。`,
  "备案信息发生变化时，及时办理变更手续；网站停止服务时，及时办理注销手续。",
  "本单位（本人）对网站内容和运营承担全部责任，愿意接受通信管理部门及相关主管部门的监督管理。",
];

export async function commitmentLetter(font: PdfFont, input: OrderDocumentInput): Promise<Buffer> {
  const { data, orderNumber, createdAt } = input;
  const subject = data.subject ?? {};
  const head = subject.head ?? {};
  const writer = new PdfWriter(font, { title: COMMITMENT_LETTER_TITLE, orderNumber, createdAt })
    .title(COMMITMENT_LETTER_TITLE, `备案订单号：${orderNumber}    生成日期：${day(createdAt)}`)
    .heading("主办者")
    .row("主办者名称", subject.name)
    .row("证件类型", certificateLabel(subject.certificateType))
    .row("证件号码", subject.certificateNumber)
    .row("通信地址", subject.address)
    .row("负责人", head.name)
    .row("负责人证件号码", head.certificateNumber)
    .row("负责人手机号码", head.mobile)
    .heading("网站");
  for (const website of data.websites ?? []) {
    writer.row(website.name?.trim() || "（未填写网站名称）", website.domain);
  }
  writer.row("接入服务商", ACCESS_PROVIDER).heading("承诺");
  writer.paragraph(
    `本单位（本人）${subject.name?.trim() || "________"}通过${ACCESS_PROVIDER}办理互联网信息服务备案，郑重承诺如下：`,
  );
  COMMITMENTS.forEach((text, index) => writer.paragraph(`${index + 1}. ${text}`, { indent: false }));
  return writer
    .signature("承诺人（主办者负责人）")
    .note("请打印后由主办者负责人手写签字并填写日期，拍照或扫描后在订单的“承诺书”材料处上传。")
    .finish();
}
