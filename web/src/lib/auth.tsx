import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, getToken, setToken, setUnauthorizedHandler, unwrap, type Schemas } from "@/api/client";

type User = Schemas["UserView"];
const REFRESH_KEY = "perpetua.refresh";
const USER_KEY = "perpetua.user";
interface AuthState {
  user: User | null;
  ready: boolean;
  login: (username: string, password: string, totp?: string) => Promise<void>;
  logout: () => void;
}
const Ctx = createContext<AuthState>({ user: null, ready: false, login: async () => {}, logout: () => {} });

/** The logged-in user: access token in sessionStorage (gone with the tab), checked with /auth/me. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const logout = useCallback(() => {
    const refresh = sessionStorage.getItem(REFRESH_KEY);
    if (getToken() && refresh) void api.POST("/api/v1/auth/logout", { body: { refresh_token: refresh } }).catch(() => {});
    sessionStorage.removeItem(REFRESH_KEY);
    sessionStorage.removeItem(USER_KEY);
    setToken(null);
    setUser(null);
  }, []);
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setToken(null);
      setUser(null);
    });
    if (!getToken()) {
      setReady(true);
      return;
    }
    // Render at once with the user remembered at login; /auth/me confirms (or logs out) meanwhile.
    const remembered = sessionStorage.getItem(USER_KEY);
    if (remembered) {
      setUser(JSON.parse(remembered) as User);
      setReady(true);
    }
    unwrap<User>(api.GET("/api/v1/auth/me"))
      .then((u) => {
        sessionStorage.setItem(USER_KEY, JSON.stringify(u));
        setUser(u);
      })
      .catch(() => {
        setToken(null);
        sessionStorage.removeItem(USER_KEY);
        setUser(null);
      })
      .finally(() => setReady(true));
  }, []);
  const login = async (username: string, password: string, totp?: string) => {
    const body = { username, password, ...(totp ? { totp_code: totp } : {}) };
    const t = await unwrap<Schemas["TokenView"]>(api.POST("/api/v1/auth/login", { body }));
    setToken(t.access_token);
    sessionStorage.setItem(REFRESH_KEY, t.refresh_token);
    const me = await unwrap<User>(api.GET("/api/v1/auth/me"));
    sessionStorage.setItem(USER_KEY, JSON.stringify(me));
    setUser(me);
  };
  return <Ctx.Provider value={{ user, ready, login, logout }}>{children}</Ctx.Provider>;
}

export function useAuth() {
  return useContext(Ctx);
}

const RANK: Record<string, number> = { viewer: 0, trader: 1, admin: 2 };

/** Whether the user's role is at least {@code role}. */
export function hasRole(user: User | null, role: "viewer" | "trader" | "admin"): boolean {
  return !!user && (RANK[user.role] ?? -1) >= RANK[role];
}
