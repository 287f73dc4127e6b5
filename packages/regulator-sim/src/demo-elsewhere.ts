import type { FiledElsewhere } from "./engine.ts";

/**
 * Filings other providers made, which the demo's simulator holds from the start
 * so that 新增接入 (adding this provider as access to a website filed elsewhere)
 * can be tried: look one up by domain and file the access order. The last one was
 * made through this provider itself ("openbeian", its name at MIIT) in its older
 * system and no account holds it, so that 认领备案 can be tried: register the domain
 * with its holder under 域名, then claim it. The people are invented; the
 * certificate numbers pass the GB 11643 check.
 */
export const DEMO_FILED_ELSEWHERE: readonly FiledElsewhere[] = [
  {
    domain: "lisi-travel.cn",
    websiteName: "李四的旅行日记",
    subjectName: "李四",
    certificateNumber: "330106199203041234",
    divisionCode: "330106",
    provider: "某云计算有限公司",
  },
  {
    domain: "wangwu-design.cn",
    websiteName: "王五设计工作室",
    subjectName: "王五",
    certificateNumber: "110105198805120018",
    divisionCode: "110105",
    provider: "某网络科技有限公司",
  },
  {
    domain: "zhaoliu-studio.cn",
    websiteName: "赵六的摄影日记",
    subjectName: "赵六",
    certificateNumber: "330106198605164179",
    divisionCode: "330106",
    provider: "openbeian",
  },
];
