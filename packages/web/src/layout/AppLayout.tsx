import {
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CloudServerOutlined,
  ControlOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  GlobalOutlined,
  LogoutOutlined,
  IdcardOutlined,
  MenuOutlined,
  FileSearchOutlined,
  RadarChartOutlined,
  SettingOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Tag, type MenuProps } from "antd";
import { Suspense, useState } from "react";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router-dom";
import { useLang } from "../i18n";
import { isAdmin, isStaff, isSupervisor, useSession } from "../session";
import { LangToggle } from "./LangToggle";
import { PageLoading } from "./PageLoading";

const { Header, Sider, Content, Footer } = Layout;

/** The signed-in console: dark top bar, left menu by role, page content. */
export function AppLayout() {
  const { user, logout } = useSession();
  const { t } = useLang();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Before the first measurement every breakpoint is undefined: assume a desktop, as the server renders none.
  const wide = screens.lg ?? true;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  const staff = isStaff(user);
  const menu: MenuProps["items"] = staff
    ? [
        {
          type: "group",
          label: t("console.menu.group"),
          children: [
            {
              key: "/console/queue",
              icon: <AuditOutlined />,
              label: <Link to="/console/queue">{t("console.menu.queue")}</Link>,
            },
            {
              key: "/console/my",
              icon: <SolutionOutlined />,
              label: <Link to="/console/my">{t("console.menu.my")}</Link>,
            },
            {
              key: "/console/watch",
              icon: <RadarChartOutlined />,
              label: <Link to="/console/watch">{t("console.menu.watch")}</Link>,
            },
            ...(isSupervisor(user)
              ? [
                  {
                    key: "/console/dashboard",
                    icon: <BarChartOutlined />,
                    label: <Link to="/console/dashboard">{t("console.menu.dashboard")}</Link>,
                  },
                  {
                    key: "/console/audit",
                    icon: <FileSearchOutlined />,
                    label: <Link to="/console/audit">{t("console.menu.audit")}</Link>,
                  },
                ]
              : []),
            ...(isAdmin(user)
              ? [
                  {
                    key: "/console/staff",
                    icon: <TeamOutlined />,
                    label: <Link to="/console/staff">{t("console.menu.staff")}</Link>,
                  },
                  {
                    key: "/console/rules",
                    icon: <ControlOutlined />,
                    label: <Link to="/console/rules">{t("console.menu.rules")}</Link>,
                  },
                ]
              : []),
          ],
        },
        {
          key: "/notifications",
          icon: <BellOutlined />,
          label: <Link to="/notifications">{t("menu.notifications")}</Link>,
        },
        {
          key: "/developer",
          icon: <ApiOutlined />,
          label: <Link to="/developer">{t("menu.developer")}</Link>,
        },
      ]
    : [
        {
          type: "group",
          label: t("menu.filing"),
          children: [
            { key: "/", icon: <DashboardOutlined />, label: <Link to="/">{t("menu.dashboard")}</Link> },
            {
              key: "/websites",
              icon: <FileProtectOutlined />,
              label: <Link to="/websites">{t("menu.websites")}</Link>,
            },
          ],
        },
        {
          type: "group",
          label: t("menu.resources"),
          children: [
            {
              key: "/domains",
              icon: <GlobalOutlined />,
              label: <Link to="/domains">{t("menu.domains")}</Link>,
            },
            {
              key: "/servers",
              icon: <CloudServerOutlined />,
              label: <Link to="/servers">{t("menu.servers")}</Link>,
            },
          ],
        },
        {
          key: "/notifications",
          icon: <BellOutlined />,
          label: <Link to="/notifications">{t("menu.notifications")}</Link>,
        },
        {
          key: "/notification-settings",
          icon: <SettingOutlined />,
          label: <Link to="/notification-settings">{t("menu.notificationSettings")}</Link>,
        },
        {
          key: "/developer",
          icon: <ApiOutlined />,
          label: <Link to="/developer">{t("menu.developer")}</Link>,
        },
        {
          key: "/account",
          icon: <IdcardOutlined />,
          label: <Link to="/account">{t("menu.account")}</Link>,
        },
      ];
  const path = location.pathname;
  const navigation = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(path)]}
      items={menu}
      style={{ borderInlineEnd: 0 }}
      onClick={() => setDrawerOpen(false)}
    />
  );

  const userMenu: MenuProps["items"] = [
    { key: "email", label: user.email, disabled: true },
    { type: "divider" },
    ...(staff
      ? []
      : [
          {
            key: "notification-settings",
            icon: <SettingOutlined />,
            label: t("menu.notificationSettings"),
          },
        ]),
    { key: "logout", icon: <LogoutOutlined />, label: t("common.logout"), danger: true },
  ];
  const onUserMenu: MenuProps["onClick"] = ({ key }) => {
    if (key === "logout") void logout().then(() => navigate("/login", { replace: true }));
    if (key === "notification-settings") navigate("/notification-settings");
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Header className="app-header">
        {wide ? null : (
          <Button
            type="text"
            className="app-menu-button"
            icon={<MenuOutlined style={{ color: "#fff" }} />}
            aria-label={t("menu.open")}
            onClick={() => setDrawerOpen(true)}
            data-testid="menu-button"
          />
        )}
        <Link to="/" className="app-brand">
          <SafetyCertificateOutlined style={{ fontSize: 22, color: "#1677ff" }} />
          <span className="app-brand-name">{t("app.name")}</span>
          <span className="app-brand-title">{t("app.title")}</span>
        </Link>
        <Space size="middle">
          <LangToggle dark />
          <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} placement="bottomRight">
            <Space className="app-user" data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: "#1677ff" }} />
              <span className="app-user-name">{user.displayName}</span>
              <Tag color={staff ? "gold" : "blue"} variant="filled">
                {t(`role.${user.role}`)}
              </Tag>
            </Space>
          </Dropdown>
        </Space>
      </Header>
      <Layout>
        {wide ? (
          <Sider width={216} theme="light" className="app-sider">
            {navigation}
          </Sider>
        ) : (
          // Phones and narrow windows: the menu opens from the header's button.
          <Drawer
            placement="left"
            size={260}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t("app.name")}
            styles={{ body: { padding: 0 } }}
          >
            {navigation}
          </Drawer>
        )}
        <Layout className="app-main">
          <Content>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </Content>
          <Footer className="app-footer">OpenBeian · {t("app.title")}</Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}

const MENU_KEYS = [
  "/console/queue",
  "/console/my",
  "/console/watch",
  "/console/dashboard",
  "/console/audit",
  "/console/staff",
  "/console/rules",
  "/domains",
  "/servers",
  "/websites",
  "/notifications",
  "/notification-settings",
  "/developer",
  "/account",
];

function selectedKey(path: string): string {
  // An order opened from the console belongs to the queue.
  if (path.startsWith("/console/orders")) return "/console/queue";
  return MENU_KEYS.find((key) => path.startsWith(key)) ?? "/";
}
