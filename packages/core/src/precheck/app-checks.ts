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
function normalizeDigest(value: string): string {
  return value.replace(/[:\s]/g, "").toUpperCase();
}

/** Called for app orders only (engine.ts). */
export function checkApp(env: CheckEnv): void {
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
  /** A required value that `valid` accepts; the format problem when it does not. */
  const formatted = (
    field: string,
    value: string | undefined,
    valid: (text: string) => boolean,
    zh: string,
    en: string,
  ) => {
    if (out.required(field, value) && !valid(value ?? "")) {
      out.add(`app.${field.split(".").pop()}_invalid`, field, { zh, en }, SOURCE);
    }
  };
  const packageName = (text: string) => PACKAGE_NAME.test(text.trim());
  const md5 = (text: string) => /^[0-9A-F]{32}$/.test(normalizeDigest(text));
  const MD5_ZH = "签名MD5应为32位十六进制值";
  const MD5_EN = "The signature MD5 is 32 hexadecimal digits";
  if (platforms.includes("android")) {
    const android = app.android ?? {};
    formatted(
      "app.android.packageName",
      android.packageName,
      packageName,
      "安卓包名格式不正确（如 com.example.app）",
      "Not an Android package name (e.g. com.example.app)",
    );
    out.required("app.android.publicKey", android.publicKey);
    formatted("app.android.signatureMd5", android.signatureMd5, md5, MD5_ZH, MD5_EN);
  }
  if (platforms.includes("ios")) {
    const ios = app.ios ?? {};
    formatted(
      "app.ios.bundleId",
      ios.bundleId,
      (text) => BUNDLE_ID.test(text.trim()),
      "iOS Bundle ID 格式不正确（如 com.example.app）",
      "Not an iOS bundle ID (e.g. com.example.app)",
    );
    formatted(
      "app.ios.certificateSha1",
      ios.certificateSha1,
      (text) => /^[0-9A-F]{40}$/.test(normalizeDigest(text)),
      "证书SHA-1应为40位十六进制值",
      "The certificate SHA-1 is 40 hexadecimal digits",
    );
  }
  if (platforms.includes("harmony")) {
    const harmony = app.harmony ?? {};
    formatted(
      "app.harmony.bundleName",
      harmony.bundleName,
      packageName,
      "鸿蒙包名格式不正确（如 com.example.app）",
      "Not a HarmonyOS bundle name (e.g. com.example.app)",
    );
    out.required("app.harmony.publicKey", harmony.publicKey);
    formatted("app.harmony.signatureMd5", harmony.signatureMd5, md5, MD5_ZH, MD5_EN);
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
