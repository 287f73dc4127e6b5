import { legacyMailId, MAIL_JOB } from "../notify/mail.ts";
import { SMS_JOB } from "../notify/sms-jobs.ts";
import type { FieldCipher } from "../platform/crypto.ts";
import { examineSealed, updateRow } from "./sealed-values.ts";
import type { KeyTarget } from "./target.ts";

/**
 * Jobs whose payload is sealed (`{"sealed": "v2:…"}`: an e-mail with its address, a
 * text with its phone), pending or done: a pending one must still open once the
 * previous key is gone, a done one must not keep data under it.
 */
export const jobTarget: KeyTarget = {
  name: "job",
  walk: { table: "job", keys: ["id"], only: { column: "kind", values: [MAIL_JOB, SMS_JOB] } },
  sealedColumns: ["payload"],
  async visit(pass, executor, row) {
    const { cipher } = pass.ctx;
    const payload = JSON.parse(String(row.payload)) as { sealed?: unknown };
    if (typeof payload.sealed !== "string" || !cipher.isSealed(payload.sealed)) return;
    const outcome = examineSealed(cipher, payload.sealed, pass.write, pass.tally);
    if (outcome.kind !== "stale" || !pass.write) return;
    const sealed =
      row.kind === MAIL_JOB ? keepMessageId(cipher, payload.sealed, outcome.resealed) : outcome.resealed;
    await updateRow(
      executor,
      "job",
      { id: row.id },
      { payload: JSON.stringify({ ...payload, sealed }) },
      row,
    );
  },
};

/** An e-mail queued before ids were sealed in takes its Message-ID from the old sealed text: kept. */
function keepMessageId(cipher: FieldCipher, before: string, resealed: string): string {
  const email = cipher.decryptJson<{ mailId?: string }>(resealed);
  return email.mailId ? resealed : cipher.encryptJson({ ...email, mailId: legacyMailId(before) });
}
