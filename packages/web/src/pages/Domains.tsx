import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { api } from "../api";
import { formatDate, formatTime } from "../components/format";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import type { Domain, Items } from "../types";

interface DomainValues {
  name: string;
  holderName: string;
  holderCertificateNumber: string;
  realNameVerifiedAt?: Dayjs | null;
  expiresAt: Dayjs;
}

/** 域名: the account's domains with their holder and real-name data. */
export default function Domains() {
  const { t, pick } = useLang();
  const notify = useNotify();
  const domains = useLoad<Items<Domain>>("/api/domains");
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<DomainValues>();
  const required = [{ required: true, message: t("login.required") }];

  const add = async (values: DomainValues) => {
    setBusy(true);
    try {
      await api.post("/api/domains", {
        name: values.name.trim(),
        holderName: values.holderName.trim(),
        holderCertificateNumber: values.holderCertificateNumber.trim(),
        realNameVerifiedAt: values.realNameVerifiedAt ? values.realNameVerifiedAt.toISOString() : null,
        expiresAt: values.expiresAt.endOf("day").toISOString(),
      });
      notify.ok(t("domains.added"));
      setOpen(false);
      form.resetFields();
      domains.reload();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle
        title={t("domains.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t("domains.add")}
          </Button>
        }
      />
      <Card>
        {domains.error ? <Alert type="error" title={pick(domains.error.localized)} /> : null}
        <Table<Domain>
          scroll={{ x: "max-content" }}
          rowKey="id"
          loading={domains.loading}
          dataSource={domains.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t("domains.name"), dataIndex: "name" },
            { title: t("domains.holderName"), dataIndex: "holderName" },
            { title: t("domains.holderCertificateNumber"), dataIndex: "holderCertificateNumber" },
            {
              title: t("domains.realName"),
              dataIndex: "realNameVerifiedAt",
              render: (at: string | null) =>
                at ? (
                  <Tag color="success">
                    {t("domains.verified")} · {formatTime(at)}
                  </Tag>
                ) : (
                  <Tag color="warning">{t("domains.unverified")}</Tag>
                ),
            },
            { title: t("domains.expiresAt"), dataIndex: "expiresAt", render: formatDate },
          ]}
        />
      </Card>
      <Modal
        title={t("domains.add")}
        open={open}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} name="domain" layout="vertical" onFinish={add} preserve={false}>
          <Form.Item name="name" label={t("domains.name")} rules={required}>
            <Input placeholder="example.cn" maxLength={253} />
          </Form.Item>
          <Form.Item name="holderName" label={t("domains.holderName")} rules={required}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item
            name="holderCertificateNumber"
            label={t("domains.holderCertificateNumber")}
            rules={[...required, { min: 4, max: 32 }]}
          >
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="realNameVerifiedAt" label={t("domains.realNameVerifiedAt")}>
            <DatePicker showTime style={{ width: "100%" }} placeholder={t("domains.notVerifiedYet")} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t("domains.expiresAt")} rules={required}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
