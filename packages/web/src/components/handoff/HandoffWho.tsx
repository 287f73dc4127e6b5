import { Space, Tag, Typography } from "antd";
import { useLang } from "../../i18n";
import type { HandoffPerson, HandoffPurpose } from "./types";

/** 人脸核验 or 短信核验, as a tag. */
export function PurposeTag({ purpose }: { purpose: HandoffPurpose }) {
  const { t } = useLang();
  return (
    <Tag color={purpose === "face_check" ? "blue" : "purple"}>{t(`handoffLinks.purpose.${purpose}`)}</Tag>
  );
}

/** Whom MIIT texts: [主体负责人] [网站负责人] 张三（138****8000）. */
export function PersonLine({ person }: { person: HandoffPerson }) {
  const { t } = useLang();
  return (
    <Space size={4} wrap>
      {person.roles.map((role) => (
        <Tag key={role}>{t(`kind.role.${role}`)}</Tag>
      ))}
      <span>{person.name ?? t("kind.headPending")}</span>
      {person.mobile ? <Typography.Text type="secondary">（{person.mobile}）</Typography.Text> : null}
    </Space>
  );
}

/** What a link is for and, for MIIT's text, whom, on one line. */
export function HandoffWho({ purpose, person }: { purpose: HandoffPurpose; person: HandoffPerson | null }) {
  return (
    <Space size={4} wrap>
      <PurposeTag purpose={purpose} />
      {person ? <PersonLine person={person} /> : null}
    </Space>
  );
}
