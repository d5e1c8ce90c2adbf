package io.dockcount.wms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pulls each kind from a JSON API with a bearer token, page by page: {@code GET
 * <url><path>?page=1&per_page=500} and on until a page has fewer items than asked for. A page
 * is an object whose items field is an array of flat objects named by our columns. When a page
 * carries a total, the rows received must add up to it, or the pull is cut short and refused.
 *
 * <p>Numbers are read exactly (as decimals, never doubles). A SKU, location, lot or barcode
 * sent as a JSON number is refused: its leading zeros may already be gone. Redirects are not
 * followed, so the token only ever goes to the configured host.
 */
public final class HttpSource implements WmsSource {
  private static final Set<String> CODES = Set.of("sku", "location", "lot", "barcode");
  /** A guard against a server that never sends a short page. */
  private static final int MAX_PAGES = 100_000;

  private final WmsSettings.Http settings;
  private final HttpClient client;
  private final ObjectMapper json = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      // Keep the scale sent (2.60 stays 2.60), as the CSV and database sources do.
      .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  public HttpSource(WmsSettings.Http settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public String name() {
    // The settings refuse a URL holding a login, so the URL can be shown.
    return "http " + settings.url();
  }

  @Override
  public java.util.Set<String> kinds() {
    return java.util.Set.copyOf(settings.paths().keySet());
  }

  @Override
  public List<RawTable> pull() throws SourceException {
    String token = Secrets.read(settings.tokenEnv(), settings.tokenFile());
    if (token == null) {
      throw new SourceException(name() + ": no bearer token: set " + settings.tokenEnv()
          + (settings.tokenFile() == null ? "" : " or write it to " + settings.tokenFile()));
    }
    List<RawTable> out = new ArrayList<>();
    for (String kind : WmsSettings.SOURCE_KINDS) {
      String path = settings.paths().get(kind);
      if (path != null) {
        out.add(kind(kind, path, token));
      }
    }
    return out;
  }

  private RawTable kind(String kind, String path, String token) throws SourceException {
    Map<String, Integer> header = new LinkedHashMap<>();
    List<Map<String, String>> objects = new ArrayList<>();
    List<RawTable.Row> problems = new ArrayList<>();
    List<String> wheres = new ArrayList<>();
    Long total = null;
    for (int page = 1; page <= MAX_PAGES; page++) {
      URI uri = pageUri(path, page);
      JsonNode body = get(uri, token);
      JsonNode items = body.get(settings.itemsField());
      if (items == null || !items.isArray()) {
        throw new SourceException(name() + path + " page " + page + ": no '"
            + settings.itemsField() + "' array in the response");
      }
      JsonNode t = settings.totalField().isEmpty() ? null : body.get(settings.totalField());
      if (t != null && t.canConvertToLong()) {
        total = t.asLong();
      }
      int i = 0;
      for (JsonNode item : items) {
        String where = "page " + page + " item " + ++i;
        Map<String, String> values = new LinkedHashMap<>();
        String problem = flatten(item, values);
        values.keySet().forEach(k -> header.putIfAbsent(k, header.size()));
        objects.add(values);
        wheres.add(where);
        problems.add(problem == null ? null : new RawTable.Row(where, List.of(), problem));
      }
      if (items.size() < settings.pageSize()) {
        break;
      }
    }
    if (total != null && total != objects.size()) {
      throw new SourceException(name() + path + ": cut short: " + objects.size() + " of "
          + total + " items received");
    }
    List<String> names = new ArrayList<>(header.keySet());
    List<RawTable.Row> rows = new ArrayList<>(objects.size());
    for (int r = 0; r < objects.size(); r++) {
      List<String> values = new ArrayList<>(names.size());
      for (String n : names) {
        values.add(objects.get(r).get(n));
      }
      // A row with a problem keeps what was read of it: its key names it in the report.
      RawTable.Row bad = problems.get(r);
      rows.add(new RawTable.Row(wheres.get(r), values, bad == null ? null : bad.problem()));
    }
    return new RawTable(kind, path, names, rows, true);
  }

  /**
   * Reads an item's fields as text into {@code values}; returns the first problem, or null.
   * Every field is read even after a problem (a numeric code as the JSON sent it), so a refused
   * row can still be named by its key.
   */
  private String flatten(JsonNode item, Map<String, String> values) {
    if (!item.isObject()) {
      return "not a JSON object";
    }
    String problem = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      if (v.isNull()) {
        values.put(f.getKey(), null);
      } else if (v.isNumber()) {
        if (problem == null && CODES.contains(f.getKey().toLowerCase(java.util.Locale.ROOT))) {
          problem = f.getKey() + " is a JSON number (" + v + "): send codes as strings, or "
              + "their leading zeros are lost";
        }
        values.put(f.getKey(), v.decimalValue().toPlainString());
      } else if (v.isTextual() || v.isBoolean()) {
        values.put(f.getKey(), v.asText());
      } else if (problem == null) {
        problem = f.getKey() + " is not a plain value: " + v.getNodeType();
      }
    }
    return problem;
  }

  private URI pageUri(String path, int page) {
    String base = settings.url().toString();
    String sep = path.contains("?") ? "&" : "?";
    return URI.create((base.endsWith("/") && path.startsWith("/") ? base.substring(0,
        base.length() - 1) : base) + path + sep + enc(settings.pageParam()) + "=" + page + "&"
        + enc(settings.pageSizeParam()) + "=" + settings.pageSize());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private JsonNode get(URI uri, String token) throws SourceException {
    HttpRequest req = HttpRequest.newBuilder(uri)
        .timeout(settings.timeout())
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .GET().build();
    HttpResponse<String> resp;
    try {
      resp = client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new SourceException(uri + ": timed out after " + settings.timeout().toMillis()
          + " ms", e);
    } catch (ConnectException e) {
      throw new SourceException(uri + ": no connection: " + e, e);
    } catch (IOException e) {
      throw new SourceException(uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(uri + ": interrupted", e);
    }
    if (resp.statusCode() != 200) {
      String body = resp.body() == null ? "" : resp.body().strip();
      throw new SourceException(uri + ": HTTP " + resp.statusCode()
          + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
    }
    try {
      return json.readTree(resp.body());
    } catch (JsonProcessingException e) {
      throw new SourceException(uri + ": not complete JSON (cut short?): "
          + e.getOriginalMessage(), e);
    }
  }
}
