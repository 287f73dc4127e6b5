import { ArrowRightOutlined } from "@ant-design/icons";
import { Space, Table, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { useLang } from "../../i18n";
import type { AuditEntry } from "../../types";
import { formatTime } from "../format";
import { actionLabel } from "./labels";

interface Props {
  entries: AuditEntry[];
  loading: boolean;
  /** The audit search names the entity of each line; an order's trail does not need to. */
  showEntity?: boolean;
  emptyText?: string;
}

const hasDetail = (entry: AuditEntry) =>
  entry.detail !== null &&
  entry.detail !== undefined &&
  !(typeof entry.detail === "object" && Object.keys(entry.detail).length === 0);

/** Audit lines: when, who, what, the state change; the detail as JSON in an expandable row. */
export function AuditTable({ entries, loading, showEntity = false, emptyText }: Props) {
  const { t, pick } = useLang();
  const stateTag = (state: string | null) =>
    state ? <Tag>{t(`state.${state}`, { defaultValue: state })}</Tag> : null;
  return (
    <Table<AuditEntry>
      className="audit-table"
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={entries}
      pagination={false}
      scroll={{ x: "max-content" }}
      locale={emptyText ? { emptyText } : undefined}
      expandable={{
        rowExpandable: hasDetail,
        expandedRowRender: (entry) => (
          <pre className="audit-detail">{JSON.stringify(entry.detail, null, 2)}</pre>
        ),
      }}
      onRow={(entry) => ({ "data-action": entry.action }) as object}
      columns={[
        { title: t("audit.at"), dataIndex: "at", render: (at: string) => formatTime(at), width: 150 },
        {
          title: t("audit.actor"),
          dataIndex: "actor",
          render: (_actor, entry) => (
            <Space size={4}>
              <Tag variant="filled">
                {t(`audit.actorKinds.${entry.actorKind}`, { defaultValue: entry.actorKind })}
              </Tag>
              {entry.actor?.displayName ?? null}
            </Space>
          ),
        },
        ...(showEntity
          ? [
              {
                title: t("audit.entity"),
                key: "entity",
                render: (_value: unknown, entry: AuditEntry) => (
                  <>
                    <div>
                      {t(`audit.entities.${entry.entity ?? ""}`, { defaultValue: entry.entity ?? "—" })}
                    </div>
                    <div className="cell-sub">
                      {entry.entity === "order" && entry.entityId ? (
                        <Link to={`/console/orders/${entry.entityId}`}>{entry.entityId}</Link>
                      ) : (
                        entry.entityId
                      )}
                    </div>
                  </>
                ),
              },
            ]
          : []),
        {
          title: t("audit.action"),
          dataIndex: "action",
          render: (action: string) => (
            <>
              <div>{actionLabel(action, t, pick)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
                {action}
              </Typography.Text>
            </>
          ),
        },
        {
          title: t("audit.stateChange"),
          key: "state",
          render: (_value, entry) =>
            entry.fromState || entry.toState ? (
              <Space size={4}>
                {stateTag(entry.fromState) ?? "—"}
                <ArrowRightOutlined style={{ color: "rgba(0,0,0,0.45)" }} />
                {stateTag(entry.toState) ?? "—"}
              </Space>
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}
