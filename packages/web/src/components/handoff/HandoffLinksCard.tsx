import { QrcodeOutlined } from "@ant-design/icons";
import type { RegulatorOrderType } from "@openbeian/core";
import { Alert, App, Button, Card, Flex, List, Modal, Popconfirm, Tag, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useLoad, useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { OrderView } from "../../types";
import { formatTime } from "../format";
import { HandoffQr } from "./HandoffQr";
import { HandoffWho, PersonLine, PurposeTag } from "./HandoffWho";
import { createHandoffLinks, handoffLinksPath, revokeHandoffLink, stillOpens } from "./handoffApi";
import { handOffAhead } from "./handoffSteps";
import type { HandoffLinkRecord, HandoffStatus, NewHandoffLink } from "./types";

const STATUS_COLOR: Record<HandoffStatus, string> = {
  active: "processing",
  used: "success",
  expired: "default",
  revoked: "error",
};

const PAGE_SIZE = 5;

/**
 * 交给本人办理 on the order page: the order's hand-off links (what each is for, whom, whether it
 * still opens), new ones made here with their QR codes shown once, and a link revoked at once
 * when it went to the wrong person. Shown while a step is left for the person, or once links exist.
 */
export function HandoffLinksCard({
  view,
  regulatorType,
}: {
  view: OrderView;
  regulatorType: RegulatorOrderType | null;
}) {
  const { t, pick } = useLang();
  const notify = useNotify();
  const { message } = App.useApp();
  const list = useLoad<{ links: HandoffLinkRecord[] }>(handoffLinksPath(view.id));
  const [created, setCreated] = useState<NewHandoffLink[] | null>(null);
  const [busy, setBusy] = useState(false);
  const ahead = handOffAhead(view, regulatorType);

  // The order moving on (the page refreshes it while MIIT's text is due) may follow a link's use.
  const seenState = useRef(view.state);
  useEffect(() => {
    if (seenState.current === view.state) return;
    seenState.current = view.state;
    list.reload();
  }, [view.state, list.reload]);

  const links = list.data?.links ?? [];
  if (!ahead && links.length === 0) return null;

  const create = async () => {
    setBusy(true);
    try {
      const made = await createHandoffLinks(view.id);
      if (made.length > 0) setCreated(made);
      else void message.info(t("handoffLinks.none"));
      list.reload();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (linkId: string) => {
    try {
      const revoked = await revokeHandoffLink(view.id, linkId);
      list.setData((current) =>
        current ? { links: current.links.map((link) => (link.id === revoked.id ? revoked : link)) } : current,
      );
      notify.ok(t("handoffLinks.revokedOk"));
    } catch (error) {
      notify.fail(error);
    }
  };

  return (
    <Card
      size="small"
      title={t("handoffLinks.title")}
      style={{ marginBottom: 16 }}
      data-testid="handoff-links"
      extra={
        ahead ? (
          <Button
            size="small"
            type="primary"
            icon={<QrcodeOutlined />}
            loading={busy}
            onClick={() => void create()}
            data-testid="handoff-create"
          >
            {t("handoffLinks.create")}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t("handoffLinks.intro")}
      </Typography.Paragraph>
      {list.error ? <Alert type="error" showIcon title={pick(list.error.localized)} /> : null}
      <List<HandoffLinkRecord>
        size="small"
        loading={list.loading && !list.data}
        dataSource={links}
        locale={{ emptyText: t("handoffLinks.empty") }}
        pagination={links.length > PAGE_SIZE ? { pageSize: PAGE_SIZE, size: "small" } : false}
        renderItem={(link) => (
          <List.Item
            data-testid="handoff-link"
            data-link-id={link.id}
            data-status={link.status}
            actions={
              stillOpens(link)
                ? [
                    <Popconfirm
                      key="revoke"
                      title={t("handoffLinks.revokeConfirm")}
                      okText={t("handoffLinks.revoke")}
                      cancelText={t("common.cancel")}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => revoke(link.id)}
                    >
                      <Button size="small" type="link" danger data-testid="handoff-revoke">
                        {t("handoffLinks.revoke")}
                      </Button>
                    </Popconfirm>,
                  ]
                : undefined
            }
          >
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <span>
                <PurposeTag purpose={link.purpose} />
                <Tag color={STATUS_COLOR[link.status]} data-testid="handoff-status">
                  {t(`handoffLinks.status.${link.status}`)}
                </Tag>
              </span>
              {link.person ? <PersonLine person={link.person} /> : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("handoffLinks.createdAt", { at: formatTime(link.createdAt) })}
                <br />
                {link.revokedAt
                  ? t("handoffLinks.revokedAt", { at: formatTime(link.revokedAt) })
                  : link.usedAt
                    ? t("handoffLinks.usedAt", { at: formatTime(link.usedAt) })
                    : t("handoffLinks.validUntil", { at: formatTime(link.expiresAt) })}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <Modal
        open={created !== null}
        title={t("handoffLinks.newTitle")}
        onCancel={() => setCreated(null)}
        maskClosable={false}
        width={560}
        footer={
          <Button type="primary" onClick={() => setCreated(null)} data-testid="handoff-new-done">
            {t("handoffLinks.done")}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t("handoffLinks.shownOnce")} style={{ marginBottom: 16 }} />
        <Flex vertical gap={20} data-testid="handoff-new-links">
          {(created ?? []).map((link) => (
            <Flex key={link.id} vertical gap={8}>
              <HandoffWho purpose={link.purpose} person={link.person} />
              <HandoffQr link={link} />
            </Flex>
          ))}
        </Flex>
      </Modal>
    </Card>
  );
}
