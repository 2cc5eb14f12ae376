// A plain node:http server around grafserv, plus GET /healthz that answers once the
// schema is built (bench/run.py waits for it like for the other servers).
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import preset from "./graphile.config.mjs";

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const handle = serv.createHandler();
let ready = false;

const server = createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(ready ? 200 : 503, { "content-type": "application/json" });
    res.end(ready ? '{"ok":true}' : '{"ok":false}');
    return;
  }
  handle(req, res);
});
server.on("error", (err) => {
  console.error(err);
  process.exit(1);
});

try {
  await pgl.getSchema();
} catch (err) {
  // One line for bench/postgraphile.py to quote in "PostGraphile: not available: …".
  console.error(`postgraphile failed to start: ${err?.message ?? err}`);
  process.exit(1);
}
ready = true;
server.listen(preset.grafserv.port, preset.grafserv.host, () => {
  console.log(`postgraphile listening on ${preset.grafserv.host}:${preset.grafserv.port}`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    Promise.resolve(pgl.release()).finally(() => process.exit(0));
  });
}
