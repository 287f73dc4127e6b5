import { ReloadOutlined } from "@ant-design/icons";
import type { OrderState } from "@openbeian/core";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Grid,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { StateTag } from "../components/StateTag";
import { BulkActions } from "../components/review/BulkActions";
import { RiskTags } from "../components/review/RiskTags";
import { SlaClock } from "../components/review/SlaClock";
import { ReassignModal, useAssignment, useStaff } from "../components/review/assignment";
import { OrderKindTag } from "../components/filing/OrderKindTag";
import { stateLabelOf } from "../components/filing/orderKinds";
import { ORDER_TYPES, orderTypeLabel, provinceName, provinceOptions } from "../components/review/labels";
import { useLoad, usePolling } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import { isSupervisor, useSession } from "../session";
import type { Items, QueueItem, StaffRef } from "../types";

const FILTER_STATES: OrderState[] = [
  "provider_review",
  "resubmitted",
  "returned",
  "provider_rejected",
  "queued_for_bureau",
  "sms_pending",
  "regulator_returned",
  "bureau_review",
  "approved",
];
/** States in which an order can still be decided in initial review, so bulk actions apply. */
const DECIDABLE = new Set<OrderState>(["provider_review", "resubmitted"]);
const FILTERS = ["state", "province", "orderType", "minAgeDays", "risk", "assignee", "sort"] as const;
const SORTS = ["sla", "age", "risk"] as const;

const reviewOrderPath = (id: string) => `/console/orders/${id}`;

/**
 * 审核队列 (and 我的任务 with `mine`): a filter bar over the orders in review, each with its
 * SLA clock, risk signals and who has it; claim, release, reassign, and bulk decisions.
 * The filters live in the address, so a filtered view can be shared or reloaded.
 */
export default function ReviewQueue({ mine = false }: { mine?: boolean }) {
  const { t, pick, lang } = useLang();
  const { user } = useSession();
  const supervisor = isSupervisor(user);
  const [params, setParams] = useSearchParams();
  const wide = Grid.useBreakpoint().md ?? true;
  const [selected, setSelected] = useState<QueueItem[]>([]);
  const [reassigning, setReassigning] = useState<QueueItem | null>(null);

  const query = new URLSearchParams();
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  if (mine) query.set("assignee", "me");
  if (!query.has("sort")) query.set("sort", "sla");
  query.set("limit", "200");
  const orders = useLoad<Items<QueueItem>>(`/api/review/orders?${query.toString()}`);
  usePolling(orders.reload, !orders.loading, 30_000);
  const staff = useStaff(supervisor);
  const assignment = useAssignment(orders.reload);

  const setFilter = (key: (typeof FILTERS)[number], value: string | number | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value === null || value === undefined || value === "") next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
    setSelected([]);
  };
  const filter = (key: (typeof FILTERS)[number]) => params.get(key) ?? undefined;
  const title = mine ? t("console.menu.my") : t("console.menu.queue");
  const items = orders.data?.items ?? [];
  const waited = (at: string) => {
    const hours = Math.max(0, dayjs().diff(dayjs(at), "hour"));
    if (hours < 1) return t("queue.waitedJust");
    return hours < 24
      ? t("queue.waitedHours", { n: hours })
      : t("queue.waited", { n: Math.floor(hours / 24) });
  };

  const assigneeCell = (order: QueueItem) => {
    if (!order.assignee) return <Typography.Text type="secondary">{t("queue.unassigned")}</Typography.Text>;
    return (
      <Space size={4}>
        <span>{order.assignee.displayName}</span>
        {order.assignee.id === user?.id ? <Tag color="blue">{t("queue.me")}</Tag> : null}
      </Space>
    );
  };

  const actionsCell = (order: QueueItem) => {
    const mineNow = order.assignee?.id === user?.id;
    return (
      <Space size={0} wrap={false}>
        {!order.assignee ? (
          <Button
            type="link"
            size="small"
            data-action="claim"
            loading={assignment.busy === `claim:${order.id}`}
            onClick={() => void assignment.claim(order.id, order.number)}
          >
            {t("queue.claim")}
          </Button>
        ) : null}
        {order.assignee && (mineNow || supervisor) ? (
          <Button
            type="link"
            size="small"
            data-action="release"
            loading={assignment.busy === `release:${order.id}`}
            onClick={() => void assignment.release(order.id)}
          >
            {t("queue.release")}
          </Button>
        ) : null}
        {supervisor ? (
          <Button type="link" size="small" data-action="reassign" onClick={() => setReassigning(order)}>
            {t("queue.reassign")}
          </Button>
        ) : null}
      </Space>
    );
  };

  return (
    <>
      <PageTitle
        title={title}
        parents={[[t("console.title"), "/console/queue"]]}
        extra={
          <Button icon={<ReloadOutlined />} onClick={orders.reload} loading={orders.loading}>
            {t("common.refresh")}
          </Button>
        }
      />
      <Card className="filter-bar" size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Select<string>
            aria-label={t("review.filterState")}
            style={{ width: 280 }}
            value={filter("state") ?? ""}
            onChange={(value) => setFilter("state", value)}
            options={[
              { value: "", label: t("review.waiting") },
              ...FILTER_STATES.map((value) => ({ value, label: t(`state.${value}`) })),
            ]}
            id="filter-state"
          />
          <Select<string>
            aria-label={t("queue.province")}
            placeholder={t("queue.allProvinces")}
            style={{ width: 140 }}
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            value={filter("province")}
            onChange={(value) => setFilter("province", value)}
            options={provinceOptions(lang)}
          />
          <Select<string>
            aria-label={t("queue.orderType")}
            placeholder={t("queue.allTypes")}
            style={{ width: 180 }}
            allowClear
            value={filter("orderType")}
            onChange={(value) => setFilter("orderType", value)}
            options={ORDER_TYPES.map((value) => ({ value, label: orderTypeLabel(value, lang) }))}
          />
          <InputNumber<number>
            aria-label={t("queue.minAge")}
            placeholder={t("queue.minAge")}
            min={1}
            max={365}
            style={{ width: 170 }}
            suffix={t("queue.daysUp")}
            value={filter("minAgeDays") ? Number(filter("minAgeDays")) : null}
            onChange={(value) => setFilter("minAgeDays", value)}
          />
          {mine ? null : (
            <Select<string>
              aria-label={t("queue.assignee")}
              placeholder={t("queue.allAssignees")}
              style={{ width: 170 }}
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              value={filter("assignee")}
              onChange={(value) => setFilter("assignee", value)}
              options={[
                { value: "me", label: t("queue.assignedToMe") },
                { value: "none", label: t("queue.unassigned") },
                ...(supervisor
                  ? (staff.data?.items ?? [])
                      .filter((member) => member.id !== user?.id)
                      .map((member) => ({ value: member.id, label: member.displayName }))
                  : []),
              ]}
              id="filter-assignee"
            />
          )}
          <Checkbox
            checked={filter("risk") === "high"}
            onChange={(event) => setFilter("risk", event.target.checked ? "high" : null)}
            data-testid="filter-risk"
          >
            {t("queue.highRiskOnly")}
          </Checkbox>
          <Space size={4} className="filter-sort">
            <Typography.Text type="secondary">{t("queue.sort")}</Typography.Text>
            <Select<string>
              aria-label={t("queue.sort")}
              style={{ width: 150 }}
              value={filter("sort") ?? "sla"}
              onChange={(value) => setFilter("sort", value === "sla" ? null : value)}
              options={SORTS.map((value) => ({ value, label: t(`queue.sortBy.${value}`) }))}
              data-testid="queue-sort"
            />
          </Space>
          <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t("queue.reset")}
          </Button>
        </Flex>
      </Card>
      <Card>
        {orders.error ? (
          <Alert type="error" showIcon title={pick(orders.error.localized)} style={{ marginBottom: 16 }} />
        ) : null}
        <BulkActions selected={selected} onClear={() => setSelected([])} onDone={orders.reload} />
        <Table<QueueItem>
          className="review-queue"
          scroll={{ x: "max-content" }}
          rowKey="id"
          size="middle"
          loading={orders.loading && !orders.data}
          dataSource={items}
          pagination={
            items.length > 20
              ? { pageSize: 20, showSizeChanger: false, showTotal: (n) => t("queue.total", { n }) }
              : false
          }
          locale={{ emptyText: mine ? t("queue.myEmpty") : t("review.empty") }}
          rowSelection={{
            selectedRowKeys: selected.map((order) => order.id),
            onChange: (_keys, rows) => setSelected(rows),
            getCheckboxProps: (order) => ({ disabled: !DECIDABLE.has(order.state) }),
          }}
          onRow={(order) => ({ "data-order-number": order.number }) as object}
          columns={[
            {
              title: t("dashboard.number"),
              dataIndex: "number",
              // On a phone the fixed columns would leave no room for the others to scroll in.
              fixed: wide ? "left" : undefined,
              render: (number: string, order) => (
                <>
                  <Link to={reviewOrderPath(order.id)}>{number}</Link>
                  <div className="cell-state">
                    <StateTag state={order.state} label={stateLabelOf(order)} />
                  </div>
                </>
              ),
            },
            {
              title: t("dashboard.subject"),
              dataIndex: "subjectName",
              render: (name: string | null, order) => (
                <>
                  <div>{name ?? "—"}</div>
                  <div className="cell-sub cell-ellipsis" title={order.domains.join("、")}>
                    {order.domains.join("、")}
                  </div>
                </>
              ),
            },
            {
              title: t("queue.province"),
              dataIndex: "provinceCode",
              render: (code: string | null | undefined, order) => (
                <>
                  <div>{provinceName(code, lang)}</div>
                  <div className="cell-sub" data-testid="queue-kind">
                    <OrderKindTag order={order} />
                  </div>
                </>
              ),
            },
            {
              title: t("order.submittedAt"),
              dataIndex: "submittedAt",
              render: (at: string | null) => (
                <>
                  <div>{at ? dayjs(at).format("MM-DD HH:mm") : "—"}</div>
                  {at ? <div className="cell-sub">{waited(at)}</div> : null}
                </>
              ),
            },
            {
              title: t("queue.sla"),
              dataIndex: "sla",
              render: (_sla, order) => <SlaClock sla={order.sla} />,
            },
            {
              title: t("queue.risk"),
              dataIndex: "risk",
              render: (_risk, order) => <RiskTags risk={order.risk} />,
            },
            { title: t("queue.assignee"), dataIndex: "assignee", render: (_a, order) => assigneeCell(order) },
            {
              title: t("common.actions"),
              key: "actions",
              fixed: wide ? "right" : undefined,
              render: (_v, order) => actionsCell(order),
            },
          ]}
        />
      </Card>
      <ReassignModal
        order={reassigning}
        staff={staff.data?.items ?? []}
        onAssign={(orderId: string, to: StaffRef) => assignment.assign(orderId, to)}
        onClose={() => setReassigning(null)}
      />
    </>
  );
}
