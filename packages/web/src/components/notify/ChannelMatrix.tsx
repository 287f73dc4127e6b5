import { Button, Checkbox, Flex, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { api } from "../../api";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { Channel, EventChoice, EventGroupChoices, Preferences } from "./types";

interface Row {
  key: string;
  group?: EventGroupChoices;
  event?: EventChoice;
  children?: Row[];
}

type Choices = Record<string, { email: boolean; sms: boolean }>;

const choicesOf = (preferences: Preferences): Choices =>
  Object.fromEntries(
    preferences.groups.flatMap((group) =>
      group.events.map((event) => [event.event, { email: event.email, sms: event.sms }]),
    ),
  );

/**
 * The event × channel matrix: one row per group (ticking it ticks its events),
 * its events beneath. In-app is always on; e-mail and SMS are saved together.
 */
export function ChannelMatrix({
  preferences,
  onSaved,
}: {
  preferences: Preferences;
  onSaved: (next: Preferences) => void;
}) {
  const { t, pick } = useLang();
  const notify = useNotify();
  // What is saved follows the preferences as last loaded or saved (the page keeps them).
  const saved = useMemo(() => choicesOf(preferences), [preferences]);
  const [choices, setChoices] = useState(saved);
  const [busy, setBusy] = useState(false);
  const changed = Object.keys(choices).filter(
    (event) => choices[event]?.email !== saved[event]?.email || choices[event]?.sms !== saved[event]?.sms,
  );

  const set = (events: string[], channel: Channel, on: boolean) =>
    setChoices((current) => {
      const next = { ...current };
      for (const event of events) next[event] = { ...next[event]!, [channel]: on };
      return next;
    });

  const save = async () => {
    setBusy(true);
    try {
      const events = Object.fromEntries(changed.map((event) => [event, choices[event]!]));
      onSaved(await api.put<Preferences>("/api/notification-preferences", { events }));
      notify.ok(t("notificationSettings.saved"));
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const cell = (row: Row, channel: Channel) => {
    const events = row.group ? row.group.events.map((event) => event.event) : [row.event!.event];
    const on = events.filter((event) => choices[event]?.[channel]).length;
    return (
      <Checkbox
        checked={on === events.length}
        indeterminate={on > 0 && on < events.length}
        onChange={(change) => set(events, channel, change.target.checked)}
        aria-label={`${row.group ? pick(row.group.label) : pick(row.event!.label)} ${t(`notificationSettings.${channel}`)}`}
        data-channel={channel}
        data-event={row.event?.event ?? row.group?.id}
      />
    );
  };

  const rows: Row[] = preferences.groups.map((group) => ({
    key: group.id,
    group,
    children: group.events.map((event) => ({ key: event.event, event })),
  }));

  return (
    <>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        expandable={{ defaultExpandAllRows: true }}
        data-testid="channel-matrix"
        columns={[
          {
            title: t("notificationSettings.event"),
            key: "event",
            render: (_value, row) =>
              row.group ? (
                <Typography.Text strong>{pick(row.group.label)}</Typography.Text>
              ) : (
                <>
                  {pick(row.event!.label)}
                  {row.event!.urgent ? (
                    <Tag color="red" style={{ marginInlineStart: 8 }}>
                      {t("notificationSettings.urgent")}
                    </Tag>
                  ) : null}
                </>
              ),
          },
          {
            title: t("notificationSettings.inApp"),
            key: "inApp",
            width: 110,
            align: "center",
            render: () => <Checkbox checked disabled />,
          },
          {
            title: t("notificationSettings.email"),
            key: "email",
            width: 110,
            align: "center",
            render: (_value, row) => cell(row, "email"),
          },
          {
            title: t("notificationSettings.sms"),
            key: "sms",
            width: 110,
            align: "center",
            render: (_value, row) => cell(row, "sms"),
          },
        ]}
      />
      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        <Button disabled={changed.length === 0} onClick={() => setChoices(saved)}>
          {t("common.cancel")}
        </Button>
        <Button
          type="primary"
          loading={busy}
          disabled={changed.length === 0}
          onClick={save}
          data-testid="save-channels"
        >
          {t("notificationSettings.save")}
        </Button>
      </Flex>
    </>
  );
}
