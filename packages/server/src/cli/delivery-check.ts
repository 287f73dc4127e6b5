import type { Config } from "../platform/config.ts";
import { productionDeliveryCheck } from "../platform/notify-config.ts";

/** start and worker deliver messages: production refuses a missing SMTP server (see productionDeliveryCheck). */
export function refusesDelivery(config: Config): boolean {
  const { refusal, warnings } = productionDeliveryCheck(config.mode, config.mail, config.sms);
  for (const warning of warnings) console.error(`警告 / warning: ${warning}`);
  if (refusal) console.error(`配置错误 / configuration error: ${refusal}`);
  return refusal !== null;
}
