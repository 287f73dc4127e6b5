import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import i18n from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import en from "./locales/en";
import zh from "./locales/zh";
import type { LocalizedText } from "./types";

export type Lang = "zh" | "en";
const STORAGE_KEY = "openbeian.lang";

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

function applyLang(lang: Lang) {
  dayjs.locale(lang === "zh" ? "zh-cn" : "en");
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.title = `OpenBeian ${(lang === "zh" ? zh : en).app.title}`;
}

const initial = storedLang();
applyLang(initial);
void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initial,
  fallbackLng: "zh",
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** Switches the language and remembers the choice. */
export function setLang(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyLang(lang);
  void i18n.changeLanguage(lang);
}

/** The current language and a picker for the API's {zh, en} texts. */
export function useLang() {
  const { t, i18n: instance } = useTranslation();
  const lang: Lang = instance.language === "en" ? "en" : "zh";
  const pick = (text: LocalizedText | null | undefined) => (text ? text[lang] : "");
  return { t, lang, pick };
}

export default i18n;
