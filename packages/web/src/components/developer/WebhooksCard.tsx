import { PlusOutlined, SendOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useLoad, useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { Items } from "../../types";
import { DeliveriesTable } from "./DeliveriesTable";
import { SecretModal } from "./SecretModal";
import type { WebhookDelivery, WebhookEndpoint } from "./types";

interface EndpointValues {
  url: string;
  events: string[];
  description?: string;
}

const EVENT_OPTIONS = [
  "*",
  "order.*",
  "deadline.*",
  "watch.*",
  "order.submit",
  "order.approve",
  "order.return",
  "order.bureau_approved",
];

/** Webhook: the account's endpoints (add, enable, test, delete) and the chosen one's deliveries. */
export function WebhooksCard() {
  const { t, pick } = useLang();
  const notify = useNotify();
  const endpoints = useLoad<Items<WebhookEndpoint>>("/api/webhooks");
  const [selected, setSelected] = useState<WebhookEndpoint | null>(null);
  const deliveries = useLoad<Items<WebhookDelivery>>(
    selected ? `/api/webhooks/${selected.id}/deliveries?limit=50` : null,
  );
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<EndpointValues>();

  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) notify.ok(done);
      endpoints.reload();
      deliveries.reload();
    } catch (error) {
      notify.fail(error);
    }
  };

  const add = async (values: EndpointValues) => {
    setBusy(true);
    try {
      const created = await api.post<WebhookEndpoint & { secret: string }>("/api/webhooks", {
        url: values.url.trim(),
        events: values.events,
        ...(values.description ? { description: values.description } : {}),
      });
      setOpen(false);
      setSecret(created.secret);
      setSelected(created);
      endpoints.reload();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const test = async (endpoint: WebhookEndpoint) => {
    setTesting(endpoint.id);
    try {
      const delivery = await api.post<WebhookDelivery>(`/api/webhooks/${endpoint.id}/test`);
      if (delivery.status === "delivered")
        notify.ok(t("developer.testOk", { code: delivery.lastStatusCode ?? "" }));
      else notify.fail(new Error(t("developer.testFailed", { error: delivery.lastError ?? "" })));
      setSelected(endpoint);
      deliveries.reload();
    } catch (error) {
      notify.fail(error);
    } finally {
      setTesting(null);
    }
  };

  return (
    <>
      <Card
        title={t("developer.webhooks")}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="add-webhook"
          >
            {t("developer.addEndpoint")}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t("developer.webhooksIntro")}</Typography.Paragraph>
        {endpoints.error ? <Alert type="error" title={pick(endpoints.error.localized)} /> : null}
        <Table<WebhookEndpoint>
          rowKey="id"
          size="small"
          scroll={{ x: "max-content" }}
          loading={endpoints.loading}
          dataSource={endpoints.data?.items ?? []}
          pagination={false}
          data-testid="webhook-table"
          rowClassName={(endpoint) => (endpoint.id === selected?.id ? "ant-table-row-selected" : "")}
          columns={[
            {
              title: t("developer.url"),
              dataIndex: "url",
              render: (url: string, endpoint) => (
                <Space orientation="vertical" size={0}>
                  <code>{url}</code>
                  {endpoint.description ? (
                    <Typography.Text type="secondary">{endpoint.description}</Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t("developer.events"),
              dataIndex: "events",
              render: (events: string[]) =>
                events.map((event) => (
                  <Tag key={event}>{event === "*" ? t("developer.allEvents") : event}</Tag>
                )),
            },
            {
              title: t("developer.enabled"),
              dataIndex: "active",
              render: (active: boolean, endpoint) => (
                <Switch
                  size="small"
                  checked={active}
                  onChange={(checked) =>
                    act(
                      () => api.patch(`/api/webhooks/${endpoint.id}`, { active: checked }),
                      t("developer.saved"),
                    )
                  }
                />
              ),
            },
            {
              title: "",
              key: "actions",
              render: (_: unknown, endpoint) => (
                <Space wrap>
                  <Button
                    size="small"
                    icon={<SendOutlined />}
                    loading={testing === endpoint.id}
                    onClick={() => test(endpoint)}
                  >
                    {t("developer.test")}
                  </Button>
                  <Button size="small" onClick={() => setSelected(endpoint)}>
                    {t("developer.deliveries")}
                  </Button>
                  <Popconfirm
                    title={t("developer.deleteConfirm")}
                    onConfirm={() =>
                      act(async () => {
                        await api.delete(`/api/webhooks/${endpoint.id}`);
                        if (selected?.id === endpoint.id) setSelected(null);
                      }, t("developer.deleted"))
                    }
                  >
                    <Button size="small" danger>
                      {t("developer.delete")}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={selected ? t("developer.recentOf", { url: selected.url }) : t("developer.recent")}>
        {selected ? (
          <DeliveriesTable
            items={deliveries.data?.items ?? []}
            loading={deliveries.loading}
            redeliverPath={(id) => `/api/webhooks/deliveries/${id}/redeliver`}
            onChanged={deliveries.reload}
          />
        ) : (
          <Typography.Text type="secondary">{t("developer.pickEndpoint")}</Typography.Text>
        )}
      </Card>
      <Modal
        title={t("developer.addEndpoint")}
        open={open}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={add} preserve={false} initialValues={{ events: ["*"] }}>
          <Form.Item name="url" label={t("developer.url")} rules={[{ required: true, type: "url" }]}>
            <Input placeholder="https://erp.example.cn/hooks/openbeian" maxLength={2000} />
          </Form.Item>
          <Form.Item name="events" label={t("developer.events")}>
            <Select
              mode="tags"
              options={EVENT_OPTIONS.map((event) => ({
                value: event,
                label: event === "*" ? t("developer.allEvents") : event,
              }))}
            />
          </Form.Item>
          <Form.Item name="description" label={t("developer.description")}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal label={t("developer.secretLabel")} secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
