import { useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "@/api/client";
import { Empty, ErrorText, PageTitle, Section } from "@/components/common";
import { Badge, statusVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { useAuth } from "@/lib/auth";
import { formatTime } from "@/lib/format";
import { useApi } from "@/lib/hooks";

async function loadUsers() {
  const [users, invites] = await Promise.all([
    unwrap<Schemas["UserList"]>(api.GET("/api/v1/admin/users")),
    unwrap<Schemas["InviteList"]>(api.GET("/api/v1/admin/invites")),
  ]);
  return { users, invites };
}

export function UsersPage() {
  const { user } = useAuth();
  const { data, error, reload } = useApi(loadUsers, []);
  const [role, setRole] = useState<"viewer" | "trader" | "admin">("viewer");
  const [maxUses, setMaxUses] = useState("1");
  const [ttl, setTtl] = useState("72");
  const [created, setCreated] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const run = async (f: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await f();
    } catch (e) {
      setActionError(e);
    }
    reload();
  };
  const invite = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const v = await unwrap<Schemas["InviteView"]>(
        api.POST("/api/v1/admin/invites", { body: { role, max_uses: Number(maxUses), ttl_hours: Number(ttl) } }),
      );
      setCreated(v.code);
    });
  };
  const ban = (name: string, lift: boolean) =>
    run(() =>
      unwrap(
        api.POST(`/api/v1/admin/users/{username}/${lift ? "unban" : "ban"}` as "/api/v1/admin/users/{username}/ban", {
          params: { path: { username: name } },
          body: { reason: lift ? "ban lifted from the dashboard" : "banned from the dashboard" },
        }),
      ),
    );
  const disable = (code: string) =>
    run(() => unwrap(api.POST("/api/v1/admin/invites/{code}/disable", { params: { path: { code } } })));
  return (
    <div>
      <PageTitle title="Users & invites" />
      <ErrorText error={error} />
      <ErrorText error={actionError} />
      <Section title="New invite code" description="Accounts are created only with an invite code (POST /api/v1/auth/register).">
        <form onSubmit={invite} className="flex flex-wrap items-end gap-3" aria-label="Create an invite">
          <Label>
            Role
            <Select value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              <option value="viewer">viewer</option>
              <option value="trader">trader</option>
              <option value="admin">admin</option>
            </Select>
          </Label>
          <Label>
            Max uses
            <Input type="number" min={1} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
          </Label>
          <Label>
            Valid for (hours)
            <Input type="number" min={1} max={2160} value={ttl} onChange={(e) => setTtl(e.target.value)} />
          </Label>
          <Button type="submit">Create invite</Button>
          {created && (
            <span className="text-sm" role="status">
              Code: <code data-testid="invite-code">{created}</code> (shown in the list below too)
            </span>
          )}
        </form>
      </Section>
      {data && (
        <>
          <Section title="Users">
            {data.users.users.length === 0 ? (
              <Empty>No users.</Empty>
            ) : (
              <Table data-testid="users">
                <THead>
                  <Tr>
                    <Th>User</Th>
                    <Th>Role</Th>
                    <Th>Status</Th>
                    <Th>TOTP</Th>
                    <Th>Created</Th>
                    <Th />
                  </Tr>
                </THead>
                <TBody>
                  {data.users.users.map((u) => (
                    <Tr key={u.username}>
                      <Td>{u.username}</Td>
                      <Td>{u.role}</Td>
                      <Td>
                        <Badge variant={statusVariant(u.status)}>{u.status}</Badge>
                      </Td>
                      <Td>{u.totp_enabled ? "on" : "off"}</Td>
                      <Td className="num">{formatTime(u.created_at)}</Td>
                      <Td>
                        {u.username !== user?.username && (
                          <Button size="sm" variant="outline" onClick={() => ban(u.username, u.status === "banned")}>
                            {u.status === "banned" ? "Lift ban" : "Ban"}
                          </Button>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </Section>
          <Section title="Invite codes">
            {data.invites.invites.length === 0 ? (
              <Empty>No invites.</Empty>
            ) : (
              <Table>
                <THead>
                  <Tr>
                    <Th>Code</Th>
                    <Th>Role</Th>
                    <Th>Uses</Th>
                    <Th>Status</Th>
                    <Th>Expires</Th>
                    <Th>Created by</Th>
                    <Th />
                  </Tr>
                </THead>
                <TBody>
                  {data.invites.invites.map((i) => (
                    <Tr key={i.code}>
                      <Td className="font-mono text-xs">{i.code}</Td>
                      <Td>{i.role}</Td>
                      <Td className="num">
                        {i.used_count} / {i.max_uses}
                      </Td>
                      <Td>
                        <Badge variant={statusVariant(i.status)}>{i.status}</Badge>
                      </Td>
                      <Td className="num">{formatTime(i.expires_at)}</Td>
                      <Td>{i.created_by}</Td>
                      <Td>
                        {i.status === "active" && (
                          <Button size="sm" variant="outline" onClick={() => disable(i.code)}>
                            Disable
                          </Button>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </Section>
        </>
      )}
    </div>
  );
}
