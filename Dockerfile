# campaign-sim: every vendor simulator and the /__admin control plane in one process, on port 4010.
#   docker build -t campaign-sim . && docker run --rm -p 4010:4010 campaign-sim
# or `docker compose up` / `docker-compose up` (see docker-compose.yml for the environment it documents).
FROM node:20-slim

WORKDIR /app
# Bind every interface inside the container, so the published port reaches the server; 127.0.0.1 outside Docker.
ENV NODE_ENV=production \
    SIM_HOST=0.0.0.0 \
    SIM_PORT=4010

# Dependencies first: this layer is rebuilt only when the lockfile changes. The server is bundled with esbuild, a
# development dependency: it is installed for the build, then development dependencies are pruned from the image.
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` builds the bundle and the package, and the sources are not copied yet (built below).
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY . .
# The CLI bundled into one CommonJS file with its V8 code cache primed (scripts/build.mjs, as root: dist/ is not
# writable by the user below): plain node starts it without a TypeScript loader or a compile of the bundle.
RUN node scripts/build.mjs && npm prune --omit=dev --no-audit --no-fund && npm cache clean --force
# SIM_DATA_DIR (optional persistence) points here in docker-compose.yml; owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node

EXPOSE 4010
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.SIM_PORT || 4010) + '/__admin/health').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]

# `npm start` (exec node scripts/start.mjs serve), run by node directly: node is the process that receives
# `docker stop`'s SIGTERM, so the server saves (SIM_DATA_DIR) and exits 0 without npm in between.
# test/docker/compose.test.ts keeps this equal to `npm start`.
CMD ["node", "scripts/start.mjs", "serve"]
