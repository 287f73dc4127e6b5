import { Spin } from "antd";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from "./api";
import type { SessionUser, SessionView } from "./types";

interface SessionState {
  user: SessionUser | null;
  /** Stores a session from login or sign-up, or clears it. */
  setSession(view: SessionView | null): void;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);

  const setSession = useCallback((view: SessionView | null) => {
    setCsrfToken(view?.csrfToken ?? null);
    setUser(view?.user ?? null);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => setSession(null));
    api
      .get<SessionView>("/api/session")
      .then(setSession)
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.error(error);
        setSession(null);
      })
      .finally(() => setLoading(false));
  }, [setSession]);

  const logout = useCallback(async () => {
    try {
      await api.post("/api/auth/logout");
    } finally {
      setSession(null);
    }
  }, [setSession]);

  const value = useMemo(() => ({ user, setSession, logout }), [user, setSession, logout]);
  if (loading) return <Spin fullscreen />;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}

export const isStaff = (user: SessionUser | null) => !!user && user.role !== "applicant";
/** Supervisors and admins: reassigning, the dashboard, the audit log. */
export const isSupervisor = (user: SessionUser | null) =>
  user?.role === "supervisor" || user?.role === "admin";
export const isAdmin = (user: SessionUser | null) => user?.role === "admin";
