import { CheckCircleOutlined, CloseCircleOutlined, PlusOutlined, ShareAltOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { api } from "../api";
import { formatDate, formatTime } from "../components/format";
import { REGIONS } from "../components/regions";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import type { Items, Server, ServiceCode, ServiceCodeState } from "../types";

interface ServerValues {
  instanceId: string;
  region: string;
  product: string;
  billingType: "subscription" | "pay_as_you_go";
  paid: [Dayjs, Dayjs];
  autoRenew: boolean;
  publicIp?: string;
}

const CODE_COLORS: Record<ServiceCodeState, string> = {
  unused: "green",
  bound: "blue",
  in_filing: "processing",
  used: "default",
  void: "red",
};

/**
 * 服务器: servers, their filing eligibility and the five service codes of each;
 * unused codes can be granted to another account (授权备案服务号), and codes
 * other accounts granted to this one are listed below.
 */
export default function Servers() {
  const { t, pick, lang } = useLang();
  const notify = useNotify();
  const servers = useLoad<Items<Server>>("/api/servers");
  const usable = useLoad<Items<ServiceCode>>("/api/service-codes");
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ServerValues>();
  const [granting, setGranting] = useState<string | null>(null);
  const [grantForm] = Form.useForm<{ email: string }>();
  const required = [{ required: true, message: t("login.required") }];
  const regionName = (id: string) => REGIONS.find((region) => region.id === id)?.[lang] ?? id;

  const add = async (values: ServerValues) => {
    setBusy(true);
    try {
      await api.post("/api/servers", {
        instanceId: values.instanceId.trim(),
        region: values.region,
        product: values.product.trim(),
        billingType: values.billingType,
        paidFrom: values.paid[0].startOf("day").toISOString(),
        paidUntil: values.paid[1].endOf("day").toISOString(),
        autoRenew: values.autoRenew,
        publicIp: values.publicIp?.trim() || null,
      });
      notify.ok(t("servers.added"));
      setOpen(false);
      servers.reload();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const grant = async ({ email }: { email: string }) => {
    if (!granting) return;
    setBusy(true);
    try {
      const code = await api.post<ServiceCode>(`/api/service-codes/${encodeURIComponent(granting)}/grant`, {
        email: email.trim(),
      });
      notify.ok(t("grant.done", { name: code.grantedTo?.accountName ?? email }));
      setGranting(null);
      servers.reload();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (code: string) => {
    try {
      await api.post(`/api/service-codes/${encodeURIComponent(code)}/revoke-grant`, {});
      notify.ok(t("grant.revoked"));
      servers.reload();
    } catch (error) {
      notify.fail(error);
    }
  };

  const grantActions = (code: ServiceCode) => (
    <Space size={4} wrap>
      {code.grantedTo ? (
        <Tag color="purple" data-granted-to={code.grantedTo.email}>
          {t("grant.grantedTo", { name: code.grantedTo.accountName, email: code.grantedTo.email })}
        </Tag>
      ) : null}
      {code.grantedTo && code.state === "unused" ? (
        <Popconfirm
          title={t("grant.revokeConfirm", { code: code.code })}
          okText={t("common.confirm")}
          cancelText={t("common.cancel")}
          onConfirm={() => revoke(code.code)}
        >
          <Button size="small" type="link" danger>
            {t("grant.revoke")}
          </Button>
        </Popconfirm>
      ) : null}
      {!code.grantedTo && code.state === "unused" ? (
        <Button size="small" type="link" icon={<ShareAltOutlined />} onClick={() => setGranting(code.code)}>
          {t("grant.action")}
        </Button>
      ) : null}
    </Space>
  );

  const codes = (server: Server) =>
    server.serviceCodes.length === 0 ? (
      <Typography.Text type="secondary">{t("servers.noCodes")}</Typography.Text>
    ) : (
      <Table<ServiceCode>
        scroll={{ x: "max-content" }}
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={server.serviceCodes}
        className="service-codes"
        style={{ maxWidth: 820 }}
        columns={[
          {
            title: t("servers.serviceCodes"),
            dataIndex: "code",
            render: (code: string) => (
              <Typography.Text copyable code>
                {code}
              </Typography.Text>
            ),
          },
          {
            title: t("dashboard.state"),
            dataIndex: "state",
            render: (state: ServiceCodeState) => (
              <Tag color={CODE_COLORS[state]} data-code-state={state}>
                {t(`codeState.${state}`)}
              </Tag>
            ),
          },
          { title: t("common.actions"), key: "grant", render: (_value, code) => grantActions(code) },
        ]}
      />
    );

  const received = (usable.data?.items ?? []).filter((code) => code.grantedBy);

  const items = servers.data?.items ?? [];
  return (
    <>
      <PageTitle
        title={t("servers.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t("servers.add")}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t("servers.codesHint")} style={{ marginBottom: 16 }} />
      <Card>
        {servers.error ? <Alert type="error" title={pick(servers.error.localized)} /> : null}
        <Table<Server>
          scroll={{ x: "max-content" }}
          rowKey="id"
          loading={servers.loading}
          dataSource={items}
          pagination={false}
          expandable={{
            expandedRowRender: codes,
            expandedRowKeys: items.map((server) => server.id),
            showExpandColumn: false,
          }}
          columns={[
            { title: t("servers.instanceId"), dataIndex: "instanceId" },
            { title: t("servers.region"), dataIndex: "region", render: regionName },
            { title: t("servers.product"), dataIndex: "product" },
            { title: t("servers.publicIp"), dataIndex: "publicIp", render: (ip: string | null) => ip ?? "—" },
            {
              title: t("servers.billingType"),
              dataIndex: "billingType",
              render: (type: Server["billingType"], server) =>
                `${t(type === "subscription" ? "servers.subscription" : "servers.payAsYouGo")}${
                  server.autoRenew ? ` · ${t("servers.autoRenew")}` : ""
                }`,
            },
            { title: t("servers.paidUntil"), dataIndex: "paidUntil", render: formatDate },
            {
              title: t("servers.eligibility"),
              dataIndex: "eligible",
              render: (eligible: boolean, server) =>
                eligible ? (
                  <Tag icon={<CheckCircleOutlined />} color="success">
                    {t("servers.eligible")}
                  </Tag>
                ) : (
                  <>
                    <Tag icon={<CloseCircleOutlined />} color="error">
                      {t("servers.ineligible")}
                    </Tag>
                    <ul style={{ margin: "4px 0 0", paddingInlineStart: 18 }}>
                      {server.ineligibleReasons.map((reason) => (
                        <li key={reason.code}>{pick(reason.message)}</li>
                      ))}
                    </ul>
                  </>
                ),
            },
          ]}
        />
      </Card>
      {received.length > 0 ? (
        <Card title={t("grant.received")} style={{ marginTop: 16 }} data-testid="received-codes">
          <Typography.Paragraph type="secondary">{t("grant.receivedHint")}</Typography.Paragraph>
          <Table<ServiceCode>
            scroll={{ x: "max-content" }}
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={received}
            style={{ maxWidth: 820 }}
            columns={[
              {
                title: t("servers.serviceCodes"),
                dataIndex: "code",
                render: (code: string) => (
                  <Typography.Text copyable code>
                    {code}
                  </Typography.Text>
                ),
              },
              {
                title: t("dashboard.state"),
                dataIndex: "state",
                render: (state: ServiceCodeState) => (
                  <Tag color={CODE_COLORS[state]}>{t(`codeState.${state}`)}</Tag>
                ),
              },
              {
                title: t("grant.grantedBy"),
                key: "grantedBy",
                render: (_value, code) => code.grantedBy?.accountName,
              },
              {
                title: t("grant.grantedAt"),
                key: "grantedAt",
                render: (_value, code) => formatTime(code.grantedBy?.at),
              },
            ]}
          />
        </Card>
      ) : null}
      <Modal
        title={t("grant.title", { code: granting ?? "" })}
        open={granting !== null}
        okText={t("grant.ok")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onOk={() => grantForm.submit()}
        onCancel={() => setGranting(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("grant.intro")}</Typography.Paragraph>
        <Form form={grantForm} name="grant" layout="vertical" onFinish={grant} preserve={false}>
          <Form.Item
            name="email"
            label={t("grant.email")}
            extra={t("grant.emailHint")}
            rules={[
              { required: true, message: t("login.required") },
              { type: "email", message: t("login.emailInvalid") },
            ]}
          >
            <Input placeholder="name@example.cn" maxLength={254} autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={t("servers.add")}
        open={open}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          name="server"
          layout="vertical"
          onFinish={add}
          preserve={false}
          initialValues={{
            billingType: "subscription",
            autoRenew: true,
            region: "cn-hangzhou",
            paid: [dayjs(), dayjs().add(1, "year")],
          }}
        >
          <Form.Item name="instanceId" label={t("servers.instanceId")} rules={required}>
            <Input placeholder="i-bp1…" maxLength={64} />
          </Form.Item>
          <Form.Item name="region" label={t("servers.region")} rules={required}>
            <Select options={REGIONS.map((region) => ({ value: region.id, label: region[lang] }))} />
          </Form.Item>
          <Form.Item name="product" label={t("servers.product")} rules={required}>
            <Input placeholder="ecs.e-c1m2.large" maxLength={64} />
          </Form.Item>
          <Form.Item name="billingType" label={t("servers.billingType")}>
            <Radio.Group
              options={[
                { value: "subscription", label: t("servers.subscription") },
                { value: "pay_as_you_go", label: t("servers.payAsYouGo") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="paid"
            label={`${t("servers.paidFrom")} ~ ${t("servers.paidUntil")}`}
            rules={required}
          >
            <DatePicker.RangePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="autoRenew" label={t("servers.autoRenew")} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="publicIp"
            label={t("servers.publicIp")}
            rules={[{ pattern: /^(\d{1,3}\.){3}\d{1,3}$/, message: "IPv4" }]}
          >
            <Input placeholder="47.96.10.20" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
