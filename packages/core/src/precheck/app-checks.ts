import { checkWebsiteName } from "../rules/website-name.ts";
import { analyzeDomain } from "../validators/domain.ts";
import { ipv4ToNumber } from "../validators/ip-range.ts";
import type { CheckEnv } from "./env.ts";

/**
 * APP备案 (fact base §1.5): the app's name under the same naming rules as a
 * website's, at least one platform with the identifiers MIIT checks for it, the
 * domains or addresses the app uses, and its head (checked with the other heads).
 */
const SOURCE = "fact-base §1.5 [H-APP] [R-APP]";
const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;
const BUNDLE_ID = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** A hex digest, with or without colons between the bytes (as keytool and Xcode print them). */
export function normalizeDigest(value: string | undefined): string {
  return (value ?? "").replace(/[:\s]/g, "").toUpperCase();
}

export function checkApp(env: CheckEnv): void {
  if (env.context.orderType !== "app") return;
  const { out } = env;
  const app = env.order.app ?? {};
  if (out.required("app.name", app.name)) {
    const held = (app.preApprovals ?? []).map((item) => item.industry);
    const subjectType = env.personal ? "personal" : "organization";
    for (const finding of checkWebsiteName(app.name ?? "", { subjectType, preApprovals: held })) {
      out.addFinding(finding, "app.name");
    }
  }
  const platforms = app.platforms ?? [];
  if (platforms.length === 0) {
    out.add(
      "app.platform_required",
      "app.platforms",
      { zh: "请至少选择一个平台", en: "Choose at least one platform" },
      SOURCE,
    );
  }
  const invalid = (field: string, zh: string, en: string) =>
    out.add(`app.${field.split(".").pop()}_invalid`, field, { zh, en }, SOURCE);
  if (platforms.includes("android")) {
    const android = app.android ?? {};
    if (
      out.required("app.android.packageName", android.packageName) &&
      !PACKAGE_NAME.test(android.packageName!.trim())
    ) {
      invalid(
        "app.android.packageName",
        "安卓包名格式不正确（如 com.example.app）",
        "Not an Android package name (e.g. com.example.app)",
      );
    }
    out.required("app.android.publicKey", android.publicKey);
    if (
      out.required("app.android.signatureMd5", android.signatureMd5) &&
      !/^[0-9A-F]{32}$/.test(normalizeDigest(android.signatureMd5))
    ) {
      invalid(
        "app.android.signatureMd5",
        "签名MD5应为32位十六进制值",
        "The signature MD5 is 32 hexadecimal digits",
      );
    }
  }
  if (platforms.includes("ios")) {
    const ios = app.ios ?? {};
    if (out.required("app.ios.bundleId", ios.bundleId) && !BUNDLE_ID.test(ios.bundleId!.trim())) {
      invalid(
        "app.ios.bundleId",
        "iOS Bundle ID 格式不正确（如 com.example.app）",
        "Not an iOS bundle ID (e.g. com.example.app)",
      );
    }
    if (
      out.required("app.ios.certificateSha1", ios.certificateSha1) &&
      !/^[0-9A-F]{40}$/.test(normalizeDigest(ios.certificateSha1))
    ) {
      invalid(
        "app.ios.certificateSha1",
        "证书SHA-1应为40位十六进制值",
        "The certificate SHA-1 is 40 hexadecimal digits",
      );
    }
  }
  if (platforms.includes("harmony")) {
    const harmony = app.harmony ?? {};
    if (
      out.required("app.harmony.bundleName", harmony.bundleName) &&
      !PACKAGE_NAME.test(harmony.bundleName!.trim())
    ) {
      invalid(
        "app.harmony.bundleName",
        "鸿蒙包名格式不正确（如 com.example.app）",
        "Not a HarmonyOS bundle name (e.g. com.example.app)",
      );
    }
    out.required("app.harmony.publicKey", harmony.publicKey);
    if (
      out.required("app.harmony.signatureMd5", harmony.signatureMd5) &&
      !/^[0-9A-F]{32}$/.test(normalizeDigest(harmony.signatureMd5))
    ) {
      invalid(
        "app.harmony.signatureMd5",
        "签名MD5应为32位十六进制值",
        "The signature MD5 is 32 hexadecimal digits",
      );
    }
  }
  const domains = app.domains ?? [];
  if (domains.length === 0) {
    out.add(
      "app.domains_required",
      "app.domains",
      { zh: "请填写App使用的域名或IP地址", en: "Give the domains or IP addresses the app uses" },
      SOURCE,
    );
  }
  domains.forEach((domain, index) => {
    const field = `app.domains.${index}`;
    const value = domain.trim();
    if (ipv4ToNumber(value) !== null) return;
    const analysis = analyzeDomain(value);
    if (!analysis.ok || value.split(".").length > 4) {
      out.add(
        "app.domain_invalid",
        field,
        { zh: "域名格式不正确（最多填写到四级域名）", en: "Not a valid domain (up to a fourth-level name)" },
        SOURCE,
      );
    }
  });
  out.required("app.serviceContent", app.serviceContent);
}
