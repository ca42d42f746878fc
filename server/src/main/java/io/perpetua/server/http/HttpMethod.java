package io.perpetua.server.http;

/** The HTTP methods a {@link Route} can be declared for. */
public enum HttpMethod {
  /** Read. */
  GET,
  /** Create or act. */
  POST,
  /** Replace. */
  PUT,
  /** Partial update. */
  PATCH,
  /** Remove. */
  DELETE
}
