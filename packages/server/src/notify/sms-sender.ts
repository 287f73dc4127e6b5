import { maskPhone } from "@openbeian/core";
import { maskText } from "../audit/mask.ts";
import type { FieldCipher } from "../platform/crypto.ts";
import type { Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import type { SmsSettings } from "../platform/notify-config.ts";

/**
 * One text to one phone, the way SMS providers in China take it (Aliyun, Tencent
 * Cloud): a pre-approved template by code plus its parameters; `text` is the
 * rendered message for providers that take plain text and for the logs.
 */
export interface OutgoingSms {
  /** Fixed when queued: the provider's out-id, the same on every retry. */
  smsId: string;
  /** Mainland mobile, digits. */
  phone: string;
  templateCode: string;
  params: Record<string, string>;
  text: string;
}

/**
 * Where texts go. Two steps like the mail transport: `send` before the job's
 * transaction (network), `commit` inside it (rows written exactly once).
 */
export interface SmsSender {
  readonly name: "http" | "dev-sms";
  send(sms: OutgoingSms): Promise<void>;
  commit(trx: Tx, sms: OutgoingSms, now: number): Promise<void>;
}

/**
 * An SMS provider's HTTP endpoint (BEIAN_SMS_URL): POST JSON with a bearer token
 * (BEIAN_SMS_TOKEN). Anything but 2xx is a failure and the job retries; `outId`
 * lets the provider drop a repeat of a text it already sent.
 */
export class HttpSmsSender implements SmsSender {
  readonly name = "http";

  constructor(private readonly settings: SmsSettings) {}

  async send(sms: OutgoingSms): Promise<void> {
    const response = await fetch(this.settings.url, {
      method: "POST",
      headers: { authorization: `Bearer ${this.settings.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        phone: sms.phone,
        templateCode: sms.templateCode,
        params: sms.params,
        text: sms.text,
        outId: sms.smsId,
      }),
      // Well inside the worker's job lease.
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) {
      // The provider's answer may echo the number: masked before it reaches the job's last_error.
      const detail = maskText((await response.text().catch(() => "")).slice(0, 200));
      throw new Error(`SMS provider answered ${response.status} for ${maskPhone(sms.phone)}: ${detail}`);
    }
    await response.body?.cancel().catch(() => {});
  }

  async commit(): Promise<void> {}
}

/** Development: texts land in `dev_sms`, encrypted (a text may hold a verification code). */
export class DevSms implements SmsSender {
  readonly name = "dev-sms";

  constructor(private readonly cipher: FieldCipher) {}

  async send(): Promise<void> {}

  async commit(trx: Tx, sms: OutgoingSms, now: number): Promise<void> {
    await trx
      .insertInto("dev_sms")
      .values({
        id: newId(),
        phone_enc: this.cipher.encrypt(sms.phone),
        template_code: sms.templateCode,
        text_enc: this.cipher.encrypt(sms.text),
        created_at: now,
      })
      .execute();
  }
}

export function createSmsSender(settings: SmsSettings | null, cipher: FieldCipher): SmsSender {
  return settings ? new HttpSmsSender(settings) : new DevSms(cipher);
}
