import { Button, Result } from "antd";
import { Link } from "react-router-dom";
import { useLang } from "../i18n";

export default function NotFound() {
  const { t } = useLang();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t("common.notFound")}
      extra={
        <Link to="/">
          <Button type="primary">{t("common.backHome")}</Button>
        </Link>
      }
    />
  );
}
