import { useLang } from "../../i18n";

/** The hand-off page's texts; the English table is typed against the Chinese one. */
const zh = {
  faceTitle: "人脸核验",
  smsTitle: "短信核验",
  order: "备案订单",
  state: "当前状态",
  validUntil: "链接有效期至",
  faceIntro:
    "代办方请您本人完成人脸核验：请在光线充足处正对镜头，露出完整面部，不要佩戴帽子或墨镜。照片仅用于本次备案审核。",
  takePhoto: "拍摄 / 上传人脸照片",
  retake: "重新拍摄",
  faceDone: "人脸照片已上传，代办方会继续办理。您可以关闭此页面。",
  faceClosed: "该订单已提交审核，无需再上传人脸照片。",
  smsIntro: "工信部将向您的手机发送验证码，请您本人在收到后24小时内完成短信核验。",
  smsFor: "核验人",
  smsMobile: "接收手机",
  smsPending: "验证码已发送。请打开工信部短信核验页面，填写手机号、证件号码后6位和收到的验证码。",
  smsWaiting: "订单尚未报送管局，收到验证码前无需操作。验证码发送后，请使用下方按钮进入核验页面。",
  openVerify: "打开短信核验页面",
  noVerifyUrl: "核验页面地址请以短信内容为准。",
  invalid: "链接无效或已过期，请向代办方索取新的链接。",
  uploadFailed: "上传失败",
};

const en: Record<keyof typeof zh, string> = {
  faceTitle: "Face check",
  smsTitle: "SMS verification",
  order: "Filing order",
  state: "Status",
  validUntil: "Link valid until",
  faceIntro:
    "Your agent asks you to take the face check yourself: face the camera in good light, whole face visible, no hat or sunglasses. The photo is used for this filing's review only.",
  takePhoto: "Take / upload face photo",
  retake: "Take again",
  faceDone: "Your face photo has been uploaded; your agent will carry on. You can close this page.",
  faceClosed: "The order has been submitted; no face photo is needed now.",
  smsIntro: "MIIT will text a code to your mobile; verify it yourself within 24 hours of receiving it.",
  smsFor: "Person",
  smsMobile: "Mobile",
  smsPending:
    "The code has been sent. Open MIIT's verification page and enter your mobile number, the last 6 characters of your certificate and the code.",
  smsWaiting:
    "The order has not reached the bureau yet; nothing to do until the code arrives. Then use the button below to open the verification page.",
  openVerify: "Open the SMS verification page",
  noVerifyUrl: "Use the verification address given in the text message.",
  invalid: "This link is invalid or has expired; ask your agent for a new one.",
  uploadFailed: "Upload failed",
};

export function useHandoffText() {
  const { lang } = useLang();
  const table = lang === "zh" ? zh : en;
  return (key: keyof typeof zh) => table[key];
}
