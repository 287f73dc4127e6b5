import { randomBytes } from "node:crypto";
import { DAY_MS, type OrderData } from "@openbeian/core";
import type { DemoApplicant } from "./applicant.ts";
import { type DemoReviewer, type OrderView, type Waiting } from "./applicant.ts";

/**
 * The lifecycle after a first filing, as `beian demo --type` drives it through the
 * HTTP API (issue 9): each kind of order created on the filing the demo applicant
 * just got, submitted, approved in initial review, verified by SMS where MIIT asks
 * for it, and decided by the bureau. Each returns the order it filed.
 */
export const DEMO_TYPES = [
  "first",
  "add-website",
  "add-access",
  "change",
  "cancel-website",
  "cancel-subject",
  "cancel-access",
  "app",
] as const;
export type DemoType = (typeof DEMO_TYPES)[number];

export interface KindOutcome {
  order: OrderView & { regulatorType?: string | null; type: string };
  /** The website the order filed (an added website), else the first filing's. */
  domain: string;
}

/** Creates the typed order on the applicant's filing and takes it through to the bureau's decision. */
export async function fileKind(
  applicant: DemoApplicant,
  reviewer: DemoReviewer,
  type: Exclude<DemoType, "first" | "add-access">,
  waiting: Waiting,
  log: (line: string) => void,
): Promise<KindOutcome> {
  const session = applicant.session;
  let domain = applicant.domain;
  let created: OrderView;
  switch (type) {
    case "add-website": {
      domain = `openbeian-demo-${randomBytes(4).toString("hex")}.cn`;
      log(`登记第二个域名 register a second domain (${domain})`);
      await session.post("/api/domains", {
        name: domain,
        holderName: applicant.head.name,
        holderCertificateNumber: applicant.head.certificateNumber,
        realNameVerifiedAt: new Date(Date.now() - 10 * DAY_MS).toISOString(),
        expiresAt: new Date(Date.now() + 365 * DAY_MS).toISOString(),
      });
      const website = applicant.orderData().websites![0]!;
      created = await session.post<OrderView>("/api/orders", {
        type: "add_website",
        data: {
          websites: [
            {
              ...website,
              name: "张三的摄影作品",
              domain,
              homeUrl: `https://${domain}/`,
              serviceCode: applicant.serviceCodes[1],
            },
          ],
        },
      });
      break;
    }
    case "change": {
      created = await session.post<OrderView>("/api/orders", { type: "change" });
      const data: OrderData = structuredClone(created.data);
      data.subject!.head!.email = `demo.changed.${applicant.head.mobile}@example.cn`;
      log("修改主体负责人邮箱 change the subject head's e-mail");
      created = await session.request<OrderView>("PUT", `/api/orders/${created.id}/data`, {
        version: created.version,
        data,
      });
      break;
    }
    case "cancel-website":
    case "cancel-access": {
      const websites = await session.get<{ items: { id: string; domain: string }[] }>("/api/websites");
      const target = websites.items.find((website) => website.domain === applicant.domain);
      created = await session.post<OrderView>("/api/orders", {
        type: type === "cancel-website" ? "cancel_website" : "cancel_access",
        websiteId: target?.id,
      });
      break;
    }
    case "cancel-subject":
      created = await session.post<OrderView>("/api/orders", { type: "cancel_subject" });
      break;
    case "app":
      created = await session.post<OrderView>("/api/orders", {
        type: "app",
        data: { app: demoApp(applicant) },
      });
      break;
  }
  applicant.orderId = created.id;
  return { order: await throughReview(applicant, reviewer, waiting, log), domain };
}

/**
 * 新增接入: the demo applicant's website was filed through another provider (the
 * caller makes MIIT hold it); the order starts from MIIT's record.
 */
export async function fileAddAccess(
  applicant: DemoApplicant,
  reviewer: DemoReviewer,
  waiting: Waiting,
  log: (line: string) => void,
): Promise<KindOutcome> {
  const created = await applicant.session.post<OrderView>("/api/orders", {
    type: "add_access",
    data: applicant.orderData(),
  });
  applicant.orderId = created.id;
  return { order: await throughReview(applicant, reviewer, waiting, log), domain: applicant.domain };
}

/** Materials, submission, initial review, SMS (when MIIT sends one) and the bureau's decision. */
async function throughReview(
  applicant: DemoApplicant,
  reviewer: DemoReviewer,
  waiting: Waiting,
  log: (line: string) => void,
): Promise<KindOutcome["order"]> {
  await applicant.uploadMaterials();
  log("提交订单 submit the order");
  await applicant.submit((await applicant.order()).version);
  log("审核员初审通过 the reviewer approves");
  await reviewer.approve(applicant.orderId);
  const sent = await applicant.waitFor("MIIT", (order) => order.state !== "queued_for_bureau", waiting);
  if (sent.state === "sms_pending") {
    log("短信核验 verify the SMS codes on the regulator's page");
    await applicant.verifyAllSms(waiting);
  } else {
    log("此类订单无需短信核验 no SMS for this kind of order");
  }
  log("等待管局审核 wait for the bureau");
  return (await applicant.waitFor(
    "the bureau's decision",
    (order) => !["queued_for_bureau", "sms_pending", "bureau_review"].includes(order.state),
    waiting,
  )) as KindOutcome["order"];
}

function demoApp(applicant: DemoApplicant): NonNullable<OrderData["app"]> {
  const head = applicant.orderData().subject!.head!;
  return {
    name: "张三记账本",
    platforms: ["android", "ios"],
    android: {
      packageName: "cn.openbeian.demo.ledger",
      publicKey: `MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${randomBytes(24).toString("base64")}`,
      signatureMd5: randomBytes(16).toString("hex"),
    },
    ios: { bundleId: "cn.openbeian.demo.ledger", certificateSha1: randomBytes(20).toString("hex") },
    domains: [`api.${applicant.domain}`],
    serviceContent: "个人记账工具，数据保存在用户本机，不涉及经营性内容",
    head,
  };
}
