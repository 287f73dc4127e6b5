import { DAY_MS, emptyRecords, makeResidentId, type OrderData, type PrecheckContext } from "@openbeian/core";

/**
 * The order the pre-check benchmark measures: a typical personal first filing
 * in Zhejiang with one website, and its context (one domain, one eligible
 * server with five codes, no records). Shared by the Node and browser runs.
 */
export function typicalOrder(): { order: OrderData; context: PrecheckContext } {
  const today = new Date("2026-03-02T01:00:00.000Z");
  const id = makeResidentId("330106", "1990-03-07", "123");
  const person = {
    name: "张三",
    certificateType: "resident_id" as const,
    certificateNumber: id,
    certificateValidFrom: "2020-01-01",
    certificateValidTo: "2040-01-01",
    mobile: "13800138000",
    emergencyPhone: "13900139000",
    email: "zhangsan@example.cn",
  };
  const order: OrderData = {
    subject: {
      type: "personal",
      name: "张三",
      certificateType: "resident_id",
      certificateNumber: id,
      divisionCode: "330106",
      address: "浙江省杭州市西湖区文三路100号",
      head: person,
    },
    websites: [
      {
        name: "张三的编程笔记",
        domain: "zhangsan-notes.cn",
        homeUrl: "https://zhangsan-notes.cn/",
        serviceContent: "blog",
        languages: ["zh-CN"],
        remark: "个人技术笔记，记录编程学习过程与读书心得，不涉及经营性内容。",
        head: person,
        serviceCode: "CODE0",
      },
    ],
  };
  const server = {
    region: "cn-hangzhou",
    billingType: "subscription" as const,
    paidFrom: new Date(today.getTime() - 10 * DAY_MS),
    paidUntil: new Date(today.getTime() + 355 * DAY_MS),
    autoRenew: true,
    publicIp: "47.96.10.20",
  };
  const context: PrecheckContext = {
    today,
    orderType: "first_filing",
    records: emptyRecords(),
    domains: [
      {
        name: "zhangsan-notes.cn",
        holderName: "张三",
        holderCertificateNumber: id,
        realNameVerifiedAt: new Date(today.getTime() - 10 * DAY_MS),
        expiresAt: new Date(today.getTime() + 365 * DAY_MS),
      },
    ],
    serviceCodes: Array.from({ length: 5 }, (_, index) => ({
      code: `CODE${index}`,
      state: "unused" as const,
      serverId: "server-1",
      server,
    })),
    materials: ["id_front", "id_back", "face_capture"],
  };
  return { order, context };
}
