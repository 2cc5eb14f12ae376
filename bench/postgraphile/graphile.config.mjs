// PostGraphile v5 for `make bench` (bench/postgraphile.py copies this file next to the
// node_modules it installs, outside the repository, and runs server.mjs with it).
// Production set-up: amber preset, @dataplan/pg over `pg` with its own pool, no GraphiQL,
// no watch mode, no explain, no websockets.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

const env = process.env;

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: env.DATABASE_URL,
      schemas: ["public"],
      // The raw baseline's asyncpg pool is 10 connections: the same here.
      poolConfig: { max: Number(env.PG_POOL_MAX || 10) },
    }),
  ],
  grafserv: {
    host: "127.0.0.1",
    port: Number(env.PORT || 5678),
    graphqlPath: "/graphql",
    graphiql: false,
    graphqlOverGET: false,
    watch: false,
    websockets: false,
  },
  grafast: {
    explain: false,
  },
};

export default preset;
