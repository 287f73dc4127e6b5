import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { StrictMode, Suspense, lazy, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, Outlet, Route, Routes, useParams } from "react-router-dom";
import { usePrefersReducedMotion } from "./hooks";
import { useLang } from "./i18n";
import { AppLayout } from "./layout/AppLayout";
import { PageLoading } from "./layout/PageLoading";
import { isAdmin, isStaff, isSupervisor, SessionProvider, useSession } from "./session";
import "./styles.css";

const Login = lazy(() => import("./pages/Login"));
const Lookup = lazy(() => import("./pages/Lookup"));
const ForgotPassword = lazy(() => import("./pages/ForgotPassword"));
const ResetPassword = lazy(() => import("./pages/ResetPassword"));
const Account = lazy(() => import("./pages/Account"));
const Dashboard = lazy(() => import("./pages/Dashboard"));
const Domains = lazy(() => import("./pages/Domains"));
const Servers = lazy(() => import("./pages/Servers"));
const Websites = lazy(() => import("./pages/Websites"));
const OrderDetail = lazy(() => import("./pages/OrderDetail"));
const OrderWizard = lazy(() => import("./pages/OrderWizard"));
const ReviewQueue = lazy(() => import("./pages/ReviewQueue"));
const ReviewOrder = lazy(() => import("./pages/ReviewOrder"));
const ConsoleDashboard = lazy(() => import("./pages/ConsoleDashboard"));
const FilingWatch = lazy(() => import("./pages/FilingWatch"));
const AuditLog = lazy(() => import("./pages/AuditLog"));
const StaffAdmin = lazy(() => import("./pages/StaffAdmin"));
const ProvinceRules = lazy(() => import("./pages/ProvinceRules"));
const Notifications = lazy(() => import("./pages/Notifications"));
const NotificationSettings = lazy(() => import("./pages/NotificationSettings"));
const NotFound = lazy(() => import("./pages/NotFound"));
const Developer = lazy(() => import("./pages/Developer"));
const Handoff = lazy(() => import("./pages/Handoff"));

/** Shows a page to the given side only; the other side lands on its own home. */
function Only({ staff, children }: { staff: boolean; children: ReactNode }) {
  const { user } = useSession();
  if (isStaff(user) !== staff) return <Navigate to="/" replace />;
  return children;
}

/** Console pages for supervisors (and admins), or for admins only; other staff land on the queue. */
function Role({ admin = false, children }: { admin?: boolean; children: ReactNode }) {
  const { user } = useSession();
  if (!(admin ? isAdmin(user) : isSupervisor(user))) return <Navigate to="/console/queue" replace />;
  return children;
}

/** The review console's addresses before it moved to /console. */
function ReviewRedirect() {
  const { id } = useParams();
  return <Navigate to={id ? `/console/orders/${id}` : "/console/queue"} replace />;
}

function Home() {
  const { user } = useSession();
  return isStaff(user) ? <Navigate to="/console/queue" replace /> : <Dashboard />;
}

function Root() {
  const { lang } = useLang();
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={lang === "zh" ? zhCN : enUS}
      theme={{ token: { colorPrimary: "#1677ff", borderRadius: 4, motion: !reducedMotion } }}
    >
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/login" element={<Login />} />
                <Route path="/lookup" element={<Lookup />} />
                {/* The password reset pages work signed in or not: the e-mailed token is the proof. */}
                <Route path="/forgot-password" element={<ForgotPassword />} />
                <Route path="/reset-password" element={<ResetPassword />} />
                {/* A hand-off link (face check, SMS verification) opens without a login: the link is the proof. */}
                <Route path="/handoff" element={<Handoff />} />
                <Route element={<AppLayout />}>
                  <Route index element={<Home />} />
                  <Route
                    path="domains"
                    element={
                      <Only staff={false}>
                        <Domains />
                      </Only>
                    }
                  />
                  <Route
                    path="servers"
                    element={
                      <Only staff={false}>
                        <Servers />
                      </Only>
                    }
                  />
                  <Route
                    path="websites"
                    element={
                      <Only staff={false}>
                        <Websites />
                      </Only>
                    }
                  />
                  <Route
                    path="orders/:id"
                    element={
                      <Only staff={false}>
                        <OrderDetail />
                      </Only>
                    }
                  />
                  <Route
                    path="orders/:id/edit"
                    element={
                      <Only staff={false}>
                        <OrderWizard />
                      </Only>
                    }
                  />
                  <Route
                    path="console"
                    element={
                      <Only staff>
                        <Outlet />
                      </Only>
                    }
                  >
                    <Route index element={<Navigate to="/console/queue" replace />} />
                    <Route path="queue" element={<ReviewQueue key="queue" />} />
                    <Route path="my" element={<ReviewQueue key="my" mine />} />
                    <Route path="watch" element={<FilingWatch />} />
                    <Route path="orders/:id" element={<ReviewOrder />} />
                    <Route
                      path="dashboard"
                      element={
                        <Role>
                          <ConsoleDashboard />
                        </Role>
                      }
                    />
                    <Route
                      path="audit"
                      element={
                        <Role>
                          <AuditLog />
                        </Role>
                      }
                    />
                    <Route
                      path="staff"
                      element={
                        <Role admin>
                          <StaffAdmin />
                        </Role>
                      }
                    />
                    <Route
                      path="rules"
                      element={
                        <Role admin>
                          <ProvinceRules />
                        </Role>
                      }
                    />
                  </Route>
                  <Route path="review" element={<ReviewRedirect />} />
                  <Route path="review/watch" element={<Navigate to="/console/watch" replace />} />
                  <Route path="review/:id" element={<ReviewRedirect />} />
                  <Route
                    path="account"
                    element={
                      <Only staff={false}>
                        <Account />
                      </Only>
                    }
                  />
                  <Route path="notifications" element={<Notifications />} />
                  <Route path="developer" element={<Developer />} />
                  <Route
                    path="notification-settings"
                    element={
                      <Only staff={false}>
                        <NotificationSettings />
                      </Only>
                    }
                  />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
