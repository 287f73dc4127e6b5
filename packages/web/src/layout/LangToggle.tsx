import { TranslationOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { setLang, useLang } from "../i18n";

/** 中文 ⇄ English; the choice is kept in localStorage. */
export function LangToggle({ dark = false }: { dark?: boolean }) {
  const { t, lang } = useLang();
  return (
    <Button
      data-testid="lang-toggle"
      type={dark ? "text" : "default"}
      icon={<TranslationOutlined />}
      style={dark ? { color: "rgba(255,255,255,0.85)" } : undefined}
      onClick={() => setLang(lang === "zh" ? "en" : "zh")}
    >
      {t("app.switchLang")}
    </Button>
  );
}
