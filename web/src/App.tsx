import { lazy, Suspense, type ComponentType } from "react";
import { Button } from "@/components/ui/button";
import { hasRole, useAuth } from "@/lib/auth";
import { Link, useRouter } from "@/lib/router";
import { useTheme } from "@/lib/theme";
import { cn } from "@/lib/utils";
import { LoginPage } from "@/pages/Login";
import { OverviewPage } from "@/pages/Overview";

const lazyPage = (load: () => Promise<Record<string, ComponentType>>, name: string) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

interface PageDef {
  path: string;
  title: string;
  component: ComponentType;
  admin?: boolean;
}

export const PAGES: PageDef[] = [
  { path: "/", title: "Overview", component: OverviewPage },
  { path: "/strategies", title: "Strategies", component: lazyPage(() => import("@/pages/strategies/StrategiesPage"), "StrategiesPage") },
  { path: "/optimizer", title: "Optimizer lab", component: lazyPage(() => import("@/pages/optimizer/OptimizerPage"), "OptimizerPage") },
  { path: "/capital", title: "Capital & positions", component: lazyPage(() => import("@/pages/Capital"), "CapitalPage") },
  { path: "/risk", title: "Risk centre", component: lazyPage(() => import("@/pages/Risk"), "RiskPage") },
  { path: "/hot-coins", title: "Hot coins", component: lazyPage(() => import("@/pages/HotCoins"), "HotCoinsPage") },
  { path: "/audit", title: "Audit & replay", component: lazyPage(() => import("@/pages/Audit"), "AuditPage"), admin: true },
  { path: "/backtests", title: "Backtests", component: lazyPage(() => import("@/pages/Backtests"), "BacktestsPage") },
  { path: "/flow", title: "Order flow", component: lazyPage(() => import("@/pages/Flow"), "FlowPage") },
  { path: "/delta-neutral", title: "Delta-neutral", component: lazyPage(() => import("@/pages/delta/DeltaNeutralPage"), "DeltaNeutralPage") },
  { path: "/users", title: "Users & invites", component: lazyPage(() => import("@/pages/Users"), "UsersPage"), admin: true },
];

export function App() {
  const { user, ready, logout } = useAuth();
  const { path } = useRouter();
  const { theme, toggle } = useTheme();
  if (!ready) return null;
  if (!user) return <LoginPage />;
  const pathname = path.split("?")[0];
  const page = PAGES.find((p) => p.path === pathname);
  const Page = page?.component;
  return (
    <div className="flex min-h-screen">
      <nav aria-label="Pages" className="w-52 shrink-0 border-r border-border p-3">
        <div className="mb-4 px-2 text-lg font-bold">Perpetua</div>
        <ul className="flex flex-col gap-0.5">
          {PAGES.filter((p) => !p.admin || hasRole(user, "admin")).map((p) => (
            <li key={p.path}>
              <Link
                href={p.path}
                aria-current={p.path === pathname ? "page" : undefined}
                className={cn("block rounded-md px-2 py-1.5 text-sm hover:bg-muted", p.path === pathname && "bg-muted font-semibold")}
              >
                {p.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-2 border-b border-border px-4 py-2 text-sm">
          <span className="text-muted-foreground" data-testid="whoami">
            {user.username} ({user.role})
          </span>
          <Button variant="outline" size="sm" onClick={toggle} aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}>
            {theme === "dark" ? "Light" : "Dark"}
          </Button>
          <Button variant="outline" size="sm" onClick={logout}>
            Log out
          </Button>
        </header>
        <main className="min-w-0 flex-1 p-4">
          <Suspense fallback={<p className="text-sm text-muted-foreground">Loading…</p>}>
            {Page ? <Page /> : <p>Page not found: {pathname}</p>}
          </Suspense>
        </main>
      </div>
    </div>
  );
}
