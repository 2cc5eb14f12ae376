// The graphql-http server audits (the GraphQL-over-HTTP spec) against one server.
// Usage: node graphql_http_audit.mjs <url> <bearer token>; prints one JSON array of
// {id, name, status, reason} on stdout. Run from a folder whose node_modules has
// graphql-http (tests/e2e/npm_tools.py installs it into a cache).
import { auditServer } from "graphql-http";

const [url, token] = process.argv.slice(2);
const signedIn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
const results = await auditServer({ url, fetchFn: signedIn });
const out = [];
for (const result of results) {
  const entry = { id: result.id, name: result.name, status: result.status };
  if (result.status !== "ok") {
    entry.reason = result.reason;
    try {
      const response = result.response;
      entry.response = `${response.status} ${response.headers.get("content-type")} ${(await response.text()).slice(0, 300)}`;
    } catch {}
  }
  out.push(entry);
}
process.stdout.write(JSON.stringify(out));
