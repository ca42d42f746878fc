// The typed API client: paths and schemas are generated from the platform's /openapi.json
// (src/api/openapi.json, refreshed by `npm run api:types`; the app test OpenApiSnapshotTest fails
// when the snapshot differs from what the server serves), so the UI cannot drift from the API.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];

const TOKEN_KEY = "perpetua.token";

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** An API error: the envelope's code and message (e.g. 40112 "TOTP code required"). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

let onUnauthorized: () => void = () => {};

/** Called when a request answers 401 (expired or revoked token): the app logs out. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "" });
api.use(auth);

type Envelope<T> = { data?: T | null } | undefined;
type Result<T> = { data?: Envelope<T>; error?: unknown; response: Response };

/** The envelope's data of a response, or an {@link ApiFailure} with the API's code and message. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const e = (error ?? {}) as { code?: number; message?: string };
    if (response.status === 401 && !response.url.includes("/auth/login")) onUnauthorized();
    throw new ApiFailure(response.status, e.code ?? null, e.message ?? `HTTP ${response.status}`);
  }
  return data?.data as T;
}

/** The URL of a WebSocket stream of this origin, with the token (browsers cannot set headers). */
export function streamUrl(channel: string): string {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const token = encodeURIComponent(getToken() ?? "");
  return `${proto}//${location.host}/stream/${channel}?access_token=${token}`;
}
