# syntax=docker/dockerfile:1
# dvc-monitor with Debian's Chromium, run as an unprivileged user (uid 10001).
#   docker build -t dvc-monitor .
#   docker compose -f deploy/docker/compose.yaml up -d      (start + serve + Caddy)
# The store lives in the volume /var/lib/dvc-monitor; the configuration is mounted at
# /etc/dvc-monitor/config.yaml; secrets come as environment variables. README: "Vận hành".

# ---- build: npm packages (better-sqlite3 compiles if no prebuilt binary can be fetched) and dist/
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Packages that would download a browser of their own must not (Debian's Chromium is used).
ENV PUPPETEER_SKIP_DOWNLOAD=1
COPY package.json package-lock.json .puppeteerrc.cjs ./
COPY scripts/build.mjs scripts/build.mjs
COPY src src
COPY storage storage
COPY collectors collectors
# dist/ built with esbuild (also what `prepare` does), then the build tools dropped.
RUN npm ci --no-audit --no-fund \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-core fonts-dejavu-core tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 dvc-monitor \
 && useradd --system --uid 10001 --gid dvc-monitor --home-dir /var/lib/dvc-monitor --shell /usr/sbin/nologin dvc-monitor \
 && install -d -o dvc-monitor -g dvc-monitor -m 0750 /var/lib/dvc-monitor \
 && install -d -m 0755 /etc/dvc-monitor
WORKDIR /opt/dvc-monitor
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json package-lock.json README.md ./
COPY bin bin
COPY src src
COPY storage storage
COPY collectors collectors
COPY reference reference
COPY config config
COPY deploy/docker/chromium-sandbox.sh /etc/chromium.d/dvc-monitor-sandbox
ENV NODE_ENV=production \
    HOME=/var/lib/dvc-monitor \
    CHROMIUM_PATH=/usr/bin/chromium \
    DVC_MONITOR_CONFIG=/etc/dvc-monitor/config.yaml \
    DVC_MONITOR_DB=/var/lib/dvc-monitor/dvc-monitor.sqlite
USER 10001:10001
WORKDIR /var/lib/dvc-monitor
VOLUME ["/var/lib/dvc-monitor"]
EXPOSE 8080
# tini reaps Chromium's processes and forwards SIGTERM, which both commands stop cleanly on.
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/opt/dvc-monitor/bin/dvc-monitor.js"]
CMD ["start", "--log-level", "info"]
