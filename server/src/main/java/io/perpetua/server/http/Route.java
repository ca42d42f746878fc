package io.perpetua.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint of the API, declared once: method, path, documentation, whether it needs the bearer
 * token, its parameters, body and response types with examples, and its handler. The server
 * registers the handler from this declaration and the OpenAPI document is generated from it, so the
 * two cannot drift.
 *
 * <p>Built with {@link #get(String)} (or {@code post}, ...) and the {@link Builder}; routes require
 * a bearer token with at least their {@link #role()} (a {@code GET} needs {@code viewer}, anything
 * else {@code trader}, unless {@link Builder#role} says otherwise) unless {@link
 * Builder#publicAccess()} is called, or authenticate requests their own way with {@link
 * Builder#authenticatedBy}. Responses use the {@link Envelope} unless {@link Builder#bare()} is
 * called. Immutable and thread-safe.
 */
public final class Route {
  /** How responses are written. */
  public enum Style {
    /** Success and errors in the {@link Envelope} (the {@code /api/v1} contract). */
    ENVELOPE,
    /**
     * Success as the bare {@code data} object, errors as {@link ErrorObject} {@code {"error":
     * {"code", "message"}}} (the job API).
     */
    BARE,
    /**
     * Spec 001's dialect (the control plane): success as the bare object with camelCase fields,
     * errors as {@link ControlErrorBody} with the 001 codes (1001-3002).
     */
    CONTROL;

    /** True when success is written without the envelope ({@link #BARE}, {@link #CONTROL}). */
    public boolean bare() {
      return this != ENVELOPE;
    }
  }

  private static final Pattern PATH = Pattern.compile("(/[a-z0-9_.\\-]+|/\\{[a-z][a-z0-9_]*})+");
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z][a-z0-9_]*)}");
  private static final ObjectMapper EXAMPLES = new ObjectMapper();

  private final HttpMethod method;
  private final String path;
  private final String tag;
  private final String summary;
  private final String description;
  private final boolean authRequired;
  private final Role role;
  private final RequestAuthenticator authenticator;
  private final Style style;
  private final List<Param<?>> params;
  private final Class<?> bodyType;
  private final JsonNode bodyExample;
  private final Class<?> responseType;
  private final JsonNode responseExample;
  private final int successStatus;
  private final Set<ApiError> errors;
  private final ApiHandler handler;
  private final Pattern matcher;

  private Route(Builder b, ApiHandler handler) {
    this.method = b.method;
    this.path = b.path;
    this.tag = require(b.tag, "tag");
    this.summary = require(b.summary, "summary");
    this.description = b.description == null ? "" : b.description;
    this.authRequired = b.authRequired;
    this.role = b.role != null ? b.role : b.method == HttpMethod.GET ? Role.VIEWER : Role.TRADER;
    this.authenticator = b.authenticator;
    this.style = b.style;
    this.params = List.copyOf(b.params);
    this.bodyType = b.bodyType;
    this.bodyExample = b.bodyExample;
    this.responseType = Objects.requireNonNull(b.responseType, path + ": response type");
    this.responseExample = b.responseExample;
    this.successStatus = b.successStatus;
    this.errors = Set.copyOf(b.errors);
    this.handler = Objects.requireNonNull(handler, "handler");
    this.matcher = pathRegex(path);
    checkPathParams();
    if (method == HttpMethod.GET && bodyType != null) {
      throw new IllegalArgumentException(this + ": a GET route cannot take a body");
    }
  }

  /** Starts a GET route. */
  public static Builder get(String path) {
    return new Builder(HttpMethod.GET, path);
  }

  /** Starts a POST route. */
  public static Builder post(String path) {
    return new Builder(HttpMethod.POST, path);
  }

  /** Starts a route with any method. */
  public static Builder route(HttpMethod method, String path) {
    return new Builder(method, path);
  }

  private static Pattern pathRegex(String path) {
    StringBuilder regex = new StringBuilder();
    for (String segment : path.substring(1).split("/", -1)) {
      regex.append('/');
      regex.append(PATH_PARAM.matcher(segment).matches() ? "[^/]+" : Pattern.quote(segment));
    }
    return Pattern.compile(regex + "/?");
  }

  private String require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(method + " " + path + ": " + what + " is required");
    }
    return value;
  }

  private void checkPathParams() {
    Set<String> inPath = new LinkedHashSet<>();
    Matcher m = PATH_PARAM.matcher(path);
    while (m.find()) {
      inPath.add(m.group(1));
    }
    Set<String> declared = new LinkedHashSet<>();
    Set<String> names = new HashSet<>();
    for (Param<?> p : params) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException(this + ": parameter declared twice: " + p.name());
      }
      if (p.location() == Param.Location.PATH) {
        declared.add(p.name());
      }
    }
    if (!inPath.equals(declared)) {
      throw new IllegalArgumentException(
          this + ": path segments " + inPath + " do not match path parameters " + declared);
    }
  }

  /** Whether {@code requestPath} (no query string) is this route's path. */
  public boolean matchesPath(String requestPath) {
    return matcher.matcher(requestPath).matches();
  }

  /** The method. */
  public HttpMethod method() {
    return method;
  }

  /** The path, with {@code {name}} segments for path parameters (OpenAPI and Javalin syntax). */
  public String path() {
    return path;
  }

  /** The OpenAPI tag that groups it. */
  public String tag() {
    return tag;
  }

  /** One-line summary. */
  public String summary() {
    return summary;
  }

  /** Longer description (Markdown); may be empty. */
  public String description() {
    return description;
  }

  /** Whether only the admin role opens the route (also for a {@code GET}). */
  public boolean adminOnly() {
    return role == Role.ADMIN;
  }

  /**
   * The least role a bearer token needs: {@code viewer} for a {@code GET}, {@code trader} for
   * anything else, unless declared with {@link Builder#role}.
   */
  public Role role() {
    return role;
  }

  /** Whether the route needs the bearer token. */
  public boolean authRequired() {
    return authRequired;
  }

  /** The authenticator of a route that does not use the bearer token, if any. */
  public Optional<RequestAuthenticator> authenticator() {
    return Optional.ofNullable(authenticator);
  }

  /** How responses are written. */
  public Style style() {
    return style;
  }

  /** Query and path parameters, in declaration order. */
  public List<Param<?>> params() {
    return params;
  }

  /** The request body type, if the route takes one. */
  public Optional<Class<?>> bodyType() {
    return Optional.ofNullable(bodyType);
  }

  /** An example body, if declared. */
  public Optional<JsonNode> bodyExample() {
    return Optional.ofNullable(bodyExample);
  }

  /** The type of the response {@code data}. */
  public Class<?> responseType() {
    return responseType;
  }

  /** An example of the response {@code data}, if declared. */
  public Optional<JsonNode> responseExample() {
    return Optional.ofNullable(responseExample);
  }

  /** The HTTP status of a success (200 unless declared). */
  public int successStatus() {
    return successStatus;
  }

  /**
   * The errors the route can return: the declared ones plus those implied by its shape (token,
   * parameters, body) and the ones every route can return (40001 for unknown query parameters,
   * 50000, 50301).
   */
  public Set<ApiError> errors() {
    Set<ApiError> all = EnumSet.of(ApiError.INTERNAL, ApiError.UPSTREAM_UNAVAILABLE);
    all.addAll(errors);
    if (authRequired) {
      all.add(ApiError.MISSING_TOKEN);
      all.add(ApiError.INVALID_TOKEN);
      all.add(ApiError.TOKEN_EXPIRED);
      all.add(ApiError.RATE_LIMITED);
      if (role != Role.VIEWER) {
        all.add(ApiError.FORBIDDEN);
      }
    }
    if (authenticator != null) {
      all.addAll(authenticator.errors());
    }
    all.add(ApiError.INVALID_PARAMETER); // unknown query parameters are rejected on every route
    if (params.stream().anyMatch(Param::isRequired)) {
      all.add(ApiError.MISSING_PARAMETER);
    }
    if (bodyType != null) {
      all.add(ApiError.MALFORMED_BODY);
      all.add(ApiError.MISSING_PARAMETER);
    }
    return all;
  }

  /** The handler. */
  public ApiHandler handler() {
    return handler;
  }

  /** An OpenAPI operation id derived from method and path, e.g. {@code get_api_v1_health}. */
  public String operationId() {
    return (method.name().toLowerCase(Locale.ROOT) + path)
        .replaceAll("[{}]", "")
        .replaceAll("[^a-zA-Z0-9]+", "_");
  }

  @Override
  public String toString() {
    return method + " " + path;
  }

  /** Declares a {@link Route}; finish with {@link #handle(ApiHandler)}. Not thread-safe. */
  public static final class Builder {
    private final HttpMethod method;
    private final String path;
    private String tag;
    private String summary;
    private String description;
    private boolean authRequired = true;
    private Role role;
    private RequestAuthenticator authenticator;
    private Style style = Style.ENVELOPE;
    private final List<Param<?>> params = new ArrayList<>();
    private Class<?> bodyType;
    private JsonNode bodyExample;
    private Class<?> responseType;
    private JsonNode responseExample;
    private int successStatus = 200;
    private final Set<ApiError> errors = EnumSet.noneOf(ApiError.class);

    private Builder(HttpMethod method, String path) {
      this.method = Objects.requireNonNull(method, "method");
      if (path == null || !PATH.matcher(path).matches()) {
        throw new IllegalArgumentException("route path must look like /a/{b}/c: " + path);
      }
      this.path = path;
    }

    /** The OpenAPI tag (e.g. {@code Health}). */
    public Builder tag(String value) {
      this.tag = value;
      return this;
    }

    /** One-line summary. */
    public Builder summary(String value) {
      this.summary = value;
      return this;
    }

    /** Longer description (Markdown). */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** Open without the bearer token (health probes, documentation). */
    public Builder publicAccess() {
      this.authRequired = false;
      this.authenticator = null;
      return this;
    }

    /** Needs the admin role even for a read (lesser roles get 403/40108). */
    public Builder adminOnly() {
      return role(Role.ADMIN);
    }

    /** The least role a bearer token needs (lesser roles get 403/40108). */
    public Builder role(Role value) {
      this.role = Objects.requireNonNull(value, "role");
      return this;
    }

    /** Authenticated by {@code value} instead of the bearer token. */
    public Builder authenticatedBy(RequestAuthenticator value) {
      this.authenticator = Objects.requireNonNull(value, "authenticator");
      this.authRequired = false;
      return this;
    }

    /** Spec 001's dialect: bare camelCase data, errors as {@link ControlErrorBody}. */
    public Builder controlDialect() {
      this.style = Style.CONTROL;
      return this;
    }

    /** Responses without the envelope: the bare data, errors as {@link ErrorObject}. */
    public Builder bare() {
      this.style = Style.BARE;
      return this;
    }

    /** Adds a query or path parameter. */
    public Builder param(Param<?> param) {
      params.add(Objects.requireNonNull(param, "param"));
      return this;
    }

    /** The JSON body type (a record; snake_case fields) and an example body. */
    public Builder body(Class<?> type, String exampleJson) {
      this.bodyType = Objects.requireNonNull(type, "type");
      this.bodyExample = parseExample(exampleJson);
      return this;
    }

    /** The type of the response {@code data} and an example of it (JSON text, may be null). */
    public Builder response(Class<?> type, String exampleJson) {
      this.responseType = Objects.requireNonNull(type, "type");
      this.responseExample = exampleJson == null ? null : parseExample(exampleJson);
      return this;
    }

    /** The success status, when not 200 (e.g. 201 or 202). */
    public Builder successStatus(int status) {
      if (status < 200 || status > 299) {
        throw new IllegalArgumentException("success status must be 2xx: " + status);
      }
      this.successStatus = status;
      return this;
    }

    /** Errors the handler itself can return (e.g. {@link ApiError#NOT_FOUND}). */
    public Builder errors(ApiError... values) {
      errors.addAll(List.of(values));
      return this;
    }

    /** Finishes the declaration with its handler. */
    public Route handle(ApiHandler handler) {
      return new Route(this, handler);
    }

    private JsonNode parseExample(String json) {
      try {
        return EXAMPLES.readTree(json);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(method + " " + path + ": example is not JSON", e);
      }
    }
  }
}
