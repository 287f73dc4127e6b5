import { SafetyCertificateOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, Card, Input, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../api";
import { toApiError } from "../hooks";
import { useLang } from "../i18n";
import { LangToggle } from "../layout/LangToggle";
import type { LocalizedText } from "../types";

/**
 * 备案查询: the public lookup, open without login. Finds filings made through
 * this provider by domain, ICP number or subject name (Chinese or pinyin
 * initials) and says plainly when a domain is not filed here, since it may be
 * filed with another provider (MIIT's own lookup tells).
 */
interface PublicFiling {
  subjectName: string;
  subjectNature: LocalizedText;
  subjectNumber: string;
  websiteNumber: string;
  websiteName: string;
  domain: string;
  approvedOn: string;
  status: "filed" | "cancelled";
}

interface LookupAnswer {
  query: string;
  kind: "domain" | "icp_number" | "subject_name";
  verdict: "filed" | "cancelled" | "not_filed_here" | "unknown";
  items: PublicFiling[];
}

export default function Lookup() {
  const { t, pick } = useLang();
  const [answer, setAnswer] = useState<LookupAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = async (q: string) => {
    if (!q.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api.get<LookupAnswer>(`/api/public/filings?q=${encodeURIComponent(q.trim())}`));
    } catch (caught) {
      setAnswer(null);
      setError(pick(toApiError(caught).localized));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="app-header" style={{ height: 64 }}>
        <Link to="/lookup" className="app-brand">
          <SafetyCertificateOutlined style={{ fontSize: 22, color: "#69b1ff" }} />
          <span className="app-brand-name">{t("app.name")}</span>
          <span className="app-brand-title">{t("lookup.title")}</span>
        </Link>
        <LangToggle dark />
      </div>
      <div style={{ maxWidth: 960, margin: "32px auto", padding: "0 16px" }}>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t("lookup.title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t("lookup.intro")}</Typography.Paragraph>
          <Input.Search
            data-testid="lookup-input"
            size="large"
            enterButton={
              <>
                <SearchOutlined /> {t("lookup.search")}
              </>
            }
            placeholder={t("lookup.placeholder")}
            maxLength={100}
            loading={busy}
            onSearch={(value) => void search(value)}
          />
          {error ? <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} /> : null}
          {answer ? (
            <div data-testid="lookup-result" data-verdict={answer.verdict} style={{ marginTop: 16 }}>
              <Alert
                showIcon
                type={
                  answer.verdict === "filed" ? "success" : answer.verdict === "cancelled" ? "warning" : "info"
                }
                title={t(`lookup.verdict.${answer.verdict}`, { query: answer.query })}
                description={
                  answer.verdict === "not_filed_here" || answer.verdict === "unknown" ? (
                    <span>
                      {t("lookup.miitHint")}{" "}
                      <a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">
                        https://beian.miit.gov.cn/
                      </a>
                    </span>
                  ) : undefined
                }
              />
              {answer.items.length > 0 ? (
                <Table<PublicFiling>
                  style={{ marginTop: 16 }}
                  rowKey="websiteNumber"
                  size="middle"
                  pagination={false}
                  scroll={{ x: 800 }}
                  dataSource={answer.items}
                  columns={[
                    { title: t("lookup.subjectName"), dataIndex: "subjectName" },
                    {
                      title: t("lookup.subjectNature"),
                      dataIndex: "subjectNature",
                      render: (nature: LocalizedText) => pick(nature),
                    },
                    { title: t("lookup.websiteNumber"), dataIndex: "websiteNumber" },
                    { title: t("lookup.websiteName"), dataIndex: "websiteName" },
                    { title: t("lookup.domain"), dataIndex: "domain" },
                    { title: t("lookup.approvedOn"), dataIndex: "approvedOn" },
                    {
                      title: t("lookup.status"),
                      dataIndex: "status",
                      render: (status: PublicFiling["status"]) => (
                        <Tag color={status === "filed" ? "green" : "default"}>
                          {t(`lookup.statuses.${status}`)}
                        </Tag>
                      ),
                    },
                  ]}
                />
              ) : null}
            </div>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
