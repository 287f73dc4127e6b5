import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button } from "antd";
import { useEffect, useRef } from "react";
import { FooterCampaigns } from "../components/review/FooterCampaigns";
import { WatchTable } from "../components/review/WatchTable";
import { useLoad, usePolling } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import { isSupervisor, useSession } from "../session";
import type { FooterCampaigns as Campaigns, WatchFindings } from "../types";

/** How often a queued or running campaign's progress is asked for. */
const POLL_MS = 2500;

/**
 * 备案监测 (all staff): the footer campaigns (supervisors start one) and every open finding
 * of the filing watch, expiries, access and footers, with re-checking a failing footer.
 */
export default function FilingWatch() {
  const { t, pick } = useLang();
  const { user } = useSession();
  const campaigns = useLoad<Campaigns>("/api/review/footer-campaigns");
  const findings = useLoad<WatchFindings>("/api/review/watch");
  const activeId = campaigns.data?.activeId ?? null;
  usePolling(campaigns.reload, activeId !== null, POLL_MS);

  // A campaign that has just finished has opened and closed findings: show them.
  const { reload: reloadFindings } = findings;
  const pending = useRef(false);
  useEffect(() => {
    if (!campaigns.data) return;
    if (campaigns.data.activeId !== null) pending.current = true;
    else if (pending.current) {
      pending.current = false;
      reloadFindings();
    }
  }, [campaigns.data, reloadFindings]);
  const started = () => {
    pending.current = true;
    campaigns.reload();
  };

  const refresh = () => {
    campaigns.reload();
    findings.reload();
  };

  return (
    <>
      <PageTitle
        title={t("console.menu.watch")}
        parents={[[t("console.title"), "/console/queue"]]}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={refresh}
            loading={(campaigns.loading && !campaigns.data) || (findings.loading && !findings.data)}
          >
            {t("common.refresh")}
          </Button>
        }
      />
      {campaigns.error ? (
        <Alert type="error" showIcon title={pick(campaigns.error.localized)} style={{ marginBottom: 16 }} />
      ) : null}
      <FooterCampaigns
        campaigns={campaigns.data}
        loading={campaigns.loading}
        canStart={isSupervisor(user)}
        onStarted={started}
      />
      <WatchTable
        findings={findings.data?.items}
        total={findings.data?.total}
        byKind={findings.data?.byKind}
        loading={findings.loading}
        error={findings.error}
        onChanged={findings.reload}
      />
    </>
  );
}
