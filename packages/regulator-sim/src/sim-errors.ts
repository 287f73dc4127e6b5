/** The simulator's refusals: a stable code and a message in Chinese and English. */
const MESSAGES = {
  VALIDATION_FAILED: { zh: "请求内容不完整或格式错误", en: "The request is incomplete or malformed" },
  UNAUTHENTICATED: { zh: "未登录或令牌错误", en: "Not signed in, or a wrong token" },
  FORBIDDEN: { zh: "请求被拒绝", en: "The request was refused" },
  NOT_FOUND: { zh: "未找到该订单", en: "No such order" },
  RATE_LIMITED: { zh: "操作过于频繁，请稍后再试", en: "Too many attempts; try again later" },
  INTERNAL: { zh: "系统繁忙，请稍后再试", en: "Something went wrong; try again later" },
  SMS_NOT_FOUND: {
    zh: "未找到待核验的信息，请核对手机号码和证件号码后六位",
    en: "Nothing waits for verification: check the mobile number and the last 6 characters of the certificate",
  },
  SMS_WRONG_CODE: {
    zh: "验证码错误；累计错误5次订单将被退回",
    en: "Wrong code; after 5 wrong entries the order is returned",
  },
  SMS_FAILED: {
    zh: "验证码错误已达5次，订单已退回接入商，请联系接入商重新提交",
    en: "5 wrong entries: the order went back to the provider, who must submit it again",
  },
  SMS_CLOSED: {
    zh: "短信核验已结束（已完成、超时或已退回）",
    en: "This SMS verification is over (done, timed out or returned)",
  },
  SMS_RESEND_REFUSED: {
    zh: "无法重新发送：每人最多重发2次，且须在核验有效期内",
    en: "Cannot resend: at most 2 resends per person, within the verification window",
  },
  NOT_IN_BUREAU_REVIEW: {
    zh: "该订单当前不在管局审核阶段",
    en: "The order is not in bureau review",
  },
} as const;

export type SimErrorCode = keyof typeof MESSAGES;

export function simError(code: SimErrorCode) {
  return { code, message: MESSAGES[code] };
}
