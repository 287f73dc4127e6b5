import type { LocalizedText } from "./text.ts";

/**
 * The closed list of error codes. Codes are a contract with API clients and
 * operators' scripts: add new ones, never rename or reuse.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, zh: "请求数据不合法", en: "The request data is invalid" },
  UNAUTHENTICATED: { status: 401, zh: "请先登录", en: "Please log in first" },
  INVALID_CREDENTIALS: { status: 401, zh: "邮箱或密码错误", en: "Wrong e-mail or password" },
  CSRF_FAILED: {
    status: 403,
    zh: "安全校验失败，请刷新页面后重试",
    en: "Security check failed; reload the page and try again",
  },
  FORBIDDEN: { status: 403, zh: "没有权限执行此操作", en: "You are not allowed to do this" },
  NOT_FOUND: { status: 404, zh: "资源不存在", en: "Not found" },
  EMAIL_TAKEN: { status: 409, zh: "该邮箱已注册", en: "This e-mail address is already registered" },
  VERSION_CONFLICT: {
    status: 409,
    zh: "订单已被他人修改，请刷新后重试",
    en: "The order was changed by someone else; reload and try again",
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    zh: "订单当前状态不允许此操作",
    en: "This action is not allowed in the order's current state",
  },
  DOMAIN_NOT_FILED: {
    status: 422,
    zh: "工信部备案系统中没有该域名的有效备案：新增接入只适用于已在其他接入商备案的网站，未备案的请办理首次备案或新增网站",
    en: "MIIT holds no live filing for this domain: add access is for websites filed through another provider; file it first",
  },
  DOMAIN_FILED_HERE: {
    status: 422,
    zh: "该域名已由本平台接入，无需新增接入",
    en: "This domain is already hosted through this provider; there is no access to add",
  },
  REGULATOR_UNAVAILABLE: {
    status: 503,
    zh: "暂时无法查询工信部备案系统，请稍后再试",
    en: "MIIT's filing system cannot be reached right now; try again later",
  },
  NO_FILED_SUBJECT: {
    status: 422,
    zh: "该账号还没有在本平台备案的主体：请先办理首次备案",
    en: "This account has no subject filed here yet: start with a first filing",
  },
  WEBSITE_NOT_IN_FILING: {
    status: 422,
    zh: "所选网站不在本账号当前的备案中（未备案、已注销或已取消接入）",
    en: "That website is not part of this account's filing (never filed, cancelled or access cancelled)",
  },
  TRANSFER_TARGET_INVALID: {
    status: 422,
    zh: "找不到该接收账号（请填写对方在“账号信息”中显示的账号ID），且不能转移给本账号",
    en: "No such receiving account (use the account ID shown under Account); a filing cannot go to its own account",
  },
  TRANSFER_TARGET_HAS_FILING: {
    status: 409,
    zh: "接收账号已有备案主体：转移备案只能转入没有主体的账号",
    en: "The receiving account already holds a filed subject; a filing can only move to an account without one",
  },
  TRANSFER_TARGET_BUSY: {
    status: 409,
    zh: "接收账号有正在办理的备案订单：请对方先办结或放弃该订单",
    en: "The receiving account has an order in progress: it must finish or abandon it first",
  },
  TRANSFER_PROOF_MISMATCH: {
    status: 422,
    zh: "主体证件号码后6位不正确：接收方须为同一主体",
    en: "The last 6 characters of the subject's certificate number do not match: the receiving account must be the same subject's",
  },
  CLAIM_NOT_HOSTED_HERE: {
    status: 422,
    zh: "该网站的备案不在本接入商名下，不能认领：请办理新增接入",
    en: "This website is not filed with this provider as its access provider, so it cannot be claimed: add access instead",
  },
  FILING_HELD_BY_OTHER_ACCOUNT: {
    status: 409,
    zh: "该备案已归属本平台的其他账号：请由该账号办理转移备案，将备案转入本账号",
    en: "Another account here holds this filing: its owner must transfer it to this account",
  },
  CLAIM_RECORD_MISMATCH: {
    status: 422,
    zh: "认领信息与工信部备案记录不一致（主体名称或主体备案号不同）",
    en: "The claim does not match MIIT's record (subject name or subject number differs)",
  },
  ORDER_KIND_NOT_AVAILABLE: {
    status: 422,
    zh: "暂不支持在线办理此类备案订单",
    en: "This kind of order cannot be filed online yet",
  },
  CHANGE_IN_PROGRESS: {
    status: 409,
    zh: "变更备案正在办理中：新增网站或新增接入须等变更办结后再提交",
    en: "A change of the filing is in progress: add websites or access once it is finished",
  },
  ADD_IN_PROGRESS: {
    status: 409,
    zh: "新增网站或新增接入正在办理中：变更备案须等其办结后再提交",
    en: "An add-website or add-access order is in progress: file the change once it is finished",
  },
  SUBJECT_IN_BUREAU_REVIEW: {
    status: 409,
    zh: "该主体已有订单在管局审核中，同一主体同一时间只能有一个订单在管局审核",
    en: "This subject already has an order with the bureau; one order per subject may be there at a time",
  },
  ACTIVE_ORDER_EXISTS: {
    status: 409,
    zh: "该账号已有一个进行中的备案订单，需等其结束后才能新建",
    en: "This account already has an order in progress; finish or abandon it first",
  },
  DOMAIN_TAKEN: {
    status: 409,
    zh: "该域名已被其他账号登记",
    en: "This domain is already registered by another account",
  },
  SERVICE_CODE_UNAVAILABLE: {
    status: 409,
    zh: "备案服务码不可用（已使用、已失效或不属于本账号）",
    en: "The filing service code cannot be used (used, void or not yours)",
  },
  SERVICE_CODE_NOT_UNUSED: {
    status: 409,
    zh: "只有未使用的备案服务码才能授权或撤销授权",
    en: "Only an unused service code can be granted or have its grant revoked",
  },
  SERVICE_CODE_GRANT_SELF: {
    status: 422,
    zh: "不能把备案服务码授权给本账号",
    en: "A service code cannot be granted to its own account",
  },
  SERVICE_CODE_ALREADY_GRANTED: {
    status: 409,
    zh: "该备案服务码已授权给其他账号，请先撤销授权",
    en: "This service code is already granted to another account; revoke that grant first",
  },
  SERVICE_CODE_NOT_GRANTED: {
    status: 409,
    zh: "该备案服务码未授权给其他账号",
    en: "This service code is not granted to another account",
  },
  GRANTEE_NOT_FOUND: {
    status: 404,
    zh: "没有使用该邮箱的申请人账号",
    en: "No applicant account uses this e-mail address",
  },
  RESET_TOKEN_INVALID: {
    status: 400,
    zh: "重置密码链接无效、已使用或已过期，请重新申请",
    en: "The password reset link is invalid, used or expired; request a new one",
  },
  PSB_NUMBER_INVALID: {
    status: 422,
    zh: "公安备案号格式不正确，应为“省简称公网安备14位数字号”，如 京公网安备11000002000001号",
    en: "Not a public-security filing number: <province>公网安备<14 digits>号, e.g. 京公网安备11000002000001号",
  },
  OPENING_DAY_INVALID: {
    status: 422,
    zh: "网站开通日期须为有效日期，不早于备案通过日，也不晚于今天",
    en: "The opening day must be a real date, not before the ICP approval and not after today",
  },
  FOOTER_CAMPAIGN_RUNNING: {
    status: 409,
    zh: "已有页脚巡检正在进行，请等待其完成",
    en: "A footer campaign is already running; wait for it to finish",
  },
  FIELD_LOCKED: {
    status: 422,
    zh: "只能修改审核员退回的字段",
    en: "Only the fields returned by the reviewer may be changed",
  },
  SUBMIT_BLOCKED: {
    status: 422,
    zh: "订单存在未解决的问题，暂不能提交",
    en: "The order has unresolved problems and cannot be submitted yet",
  },
  CALENDAR_NO_DATA: {
    status: 422,
    zh: "该年份没有工作日历数据，无法计算期限",
    en: "No working-day calendar for that year; the deadline cannot be computed",
  },
  RATE_LIMITED: {
    status: 429,
    zh: "操作过于频繁，请稍后再试",
    en: "Too many attempts; try again later",
  },
  APP_ICON_TOO_LARGE: {
    status: 413,
    zh: "App图标不能超过100KB",
    en: "The app icon may be at most 100 KB",
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: "请求内容过大", en: "The request is too large" },
  MATERIAL_KIND_UNKNOWN: {
    status: 400,
    zh: "不支持的材料类型",
    en: "Unknown kind of material",
  },
  UPLOAD_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: "文件格式不支持，只能上传 JPEG、PNG 图片或 PDF 文件",
    en: "File type not allowed: upload a JPEG or PNG image or a PDF",
  },
  UPLOAD_TOO_LARGE: {
    status: 413,
    zh: "文件过大，单个文件不能超过 4 MB",
    en: "The file is too large: at most 4 MB",
  },
  UPLOAD_UNREADABLE: {
    status: 422,
    zh: "文件已损坏或无法读取（图片不能超过 4000 万像素），请重新扫描或拍摄后上传",
    en: "The file is damaged or cannot be read (images at most 40 megapixels); scan or photograph it again",
  },
  UPLOAD_PDF_ACTIVE_CONTENT: {
    status: 422,
    zh: "PDF 文件含有脚本、启动程序等动态内容，请打印为普通 PDF 后重新上传",
    en: "The PDF contains active content (scripts, launch actions); print it to a plain PDF and upload again",
  },
  UPLOAD_FILE_NAME_INVALID: {
    status: 400,
    zh: "文件名不合法：不能包含文件夹路径（/ 或 \\）或控制字符，且不超过 255 个字符，请重命名后再上传",
    en: "The file name is not allowed: no folders (/ or \\), no control characters, at most 255 characters; rename the file and upload it again",
  },
  UPLOAD_HIDDEN_CONTENT: {
    status: 422,
    zh: "文件中夹带了压缩包等其他文件，请上传原始照片或重新导出的 PDF",
    en: "The file carries another file (such as a ZIP archive) inside it; upload the original photo or a freshly exported PDF",
  },
  PDF_FONT_MISSING: {
    status: 503,
    zh: "服务器缺少中文字体，无法生成 PDF：请安装 fonts-wqy-microhei，或用 BEIAN_PDF_FONT 指定字体文件",
    en: "No Chinese font on the server to generate the PDF: install fonts-wqy-microhei or set BEIAN_PDF_FONT to a font file",
  },
  USER_DISABLED: {
    status: 403,
    zh: "该账号已被停用，请联系管理员",
    en: "This user has been disabled; contact an administrator",
  },
  STAFF_SELF_CHANGE: {
    status: 422,
    zh: "管理员不能停用自己或降低自己的角色",
    en: "Administrators cannot disable themselves or lower their own role",
  },
  REVIEW_OWN_ACCOUNT: {
    status: 403,
    zh: "不能审核本人所属账号的备案订单",
    en: "You may not review an order of your own account",
  },
  ALREADY_CLAIMED: {
    status: 409,
    zh: "该订单已由其他审核员领取",
    en: "Another reviewer has already claimed this order",
  },
  ASSIGNEE_NOT_STAFF: {
    status: 422,
    zh: "只能指派给服务商的在职审核人员",
    en: "Orders can only be assigned to active staff of the provider",
  },
  TOKEN_INVALID: {
    status: 401,
    zh: "API令牌无效、已撤销或已过期",
    en: "The API token is invalid, revoked or expired",
  },
  TOKEN_SCOPE_MISSING: {
    status: 403,
    zh: "API令牌没有此操作所需的权限范围",
    en: "The API token lacks the scope this request needs",
  },
  TOKEN_SESSION_REQUIRED: {
    status: 403,
    zh: "此操作须登录后在控制台进行，不能使用API令牌",
    en: "This action needs a signed-in session; API tokens cannot do it",
  },
  TOKEN_SCOPE_INVALID: {
    status: 422,
    zh: "权限范围不适用于该账号：申请人可选 read、file，服务商员工可选 read、review",
    en: "Scope not available to this account: applicants may choose read and file, provider staff read and review",
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: "该幂等键已用于另一个请求（内容不同），请为新请求换一个幂等键",
    en: "This idempotency key was used for a different request; use a new key for a new request",
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: "使用同一幂等键的请求正在处理中，请稍后重试",
    en: "A request with this idempotency key is still being processed; retry shortly",
  },
  WEBHOOK_URL_INVALID: {
    status: 422,
    zh: "Webhook地址须为 http:// 或 https:// 开头的完整网址",
    en: "The webhook URL must be a full http:// or https:// address",
  },
  WEBHOOK_URL_PRIVATE: {
    status: 422,
    zh: "Webhook地址不能指向内网、本机或保留地址",
    en: "The webhook URL may not point to a private, loopback or reserved address",
  },
  WEBHOOK_LIMIT_REACHED: {
    status: 409,
    zh: "每个账号最多配置10个Webhook地址，请先删除不再使用的",
    en: "An account may have at most 10 webhook endpoints; delete one you no longer use first",
  },
  HANDOFF_LINK_INVALID: {
    status: 401,
    zh: "链接无效或已过期，请向代办方索取新的链接",
    en: "This link is invalid or has expired; ask for a new one",
  },
  RECIPIENT_LIMIT_REACHED: {
    status: 409,
    zh: "每个账号最多添加15位通知联系人，请先删除不再需要的联系人",
    en: "An account may have at most 15 notification recipients; delete one you no longer need first",
  },
  RECIPIENT_CONTACT_MISSING: {
    status: 422,
    zh: "接收邮件通知须填写邮箱，接收短信通知须填写手机号",
    en: "A recipient who gets e-mails needs an e-mail address, one who gets texts a mobile number",
  },
  NOTIFICATION_PHONE_INVALID: {
    status: 422,
    zh: "手机号码不正确，短信通知只能发送到中国大陆手机号（11位，1开头）",
    en: "Not a valid mobile number: texts go to mainland China mobiles (11 digits starting with 1)",
  },
  INTERNAL: {
    status: 500,
    zh: "服务器内部错误，请稍后重试",
    en: "Internal error; please try again later",
  },
} as const satisfies Record<string, { status: number } & LocalizedText>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The wire shape of every error the platform returns. */
export interface ErrorBody {
  code: ErrorCode;
  message: LocalizedText;
  details?: unknown;
}

/** Raised anywhere below the HTTP edge; mapped to a status by the code. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly localized: LocalizedText;
  readonly details: unknown;

  constructor(code: ErrorCode, details?: unknown, message?: LocalizedText) {
    const entry = ERROR_CATALOGUE[code];
    const localized = message ?? { zh: entry.zh, en: entry.en };
    super(`${code}: ${localized.en}`);
    this.name = "AppError";
    this.code = code;
    this.status = entry.status;
    this.localized = localized;
    this.details = details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.localized };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}
