// The delta-neutral control plane's routes (spec 001) answer bare camelCase objects, not the
// platform's envelope, and their errors are {success: false, code, error, apiCode}.
import { ApiFailure } from "./client";

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The body of a 001 answer, or an {@link ApiFailure} with the platform code and the 001 message. */
export async function unwrapControl<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const e = (error ?? {}) as { code?: number; apiCode?: number; error?: string; message?: string };
    const code = e.apiCode ?? e.code ?? null;
    const text = e.error ?? e.message ?? `HTTP ${response.status}`;
    throw new ApiFailure(response.status, code, e.code && e.apiCode ? `${text} (001 code ${e.code})` : text);
  }
  return data as T;
}
