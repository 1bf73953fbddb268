# syntax=docker/dockerfile:1
#
# One image for the four wapipe services. The service is chosen at run time:
#
#   docker run --rm IMAGE ingress          (or fanout, processor, media-fetcher)
#   docker run --rm -e SERVICE=fanout IMAGE
#
# TypeScript runs directly on Node 24 (type stripping): there is no build
# step, only a production install of the workspaces the services need.
# tini is PID 1 and forwards signals; Node itself handles SIGTERM and drains
# within SHUTDOWN_TIMEOUT_MS (25 s), so give the pod a grace period above it.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------
# manifests: every workspace's package.json and nothing else, so that the
# install layer below is rebuilt only when a manifest or the lockfile
# changes, and a new workspace package needs no edit here.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY packages packages
COPY services services
RUN find packages services -type f ! -name package.json -delete \
 && find packages services -type d -empty -delete

# ---------------------------------------------------------------------------
# deps: production dependencies of the services and the workspace packages
# they link, then the sources.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NODE_ENV=production \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

COPY package.json package-lock.json ./
COPY --from=manifests /app/ ./

# --workspace limits the install to the services (and the workspace packages
# they link), so test-only workspaces (testcontainers, autocannon) and the
# root devDependencies (including the `node` binary package) stay out.
# No dependency of the services needs an install script (@node-rs/crc32
# ships its native code as a per-platform optional dependency).
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts \
      --workspace services/ingress \
      --workspace services/fanout \
      --workspace services/processor \
      --workspace services/media-fetcher

# The kafkajs patch (native CRC-32C, no zero-filled encode buffers; see
# patches/) is applied here because --ignore-scripts skips our postinstall.
COPY patches patches
RUN --mount=type=cache,target=/root/.npm \
    npx --yes patch-package@8.0.1 --error-on-fail

# Sources after dependencies; .dockerignore keeps tests, docs and local state
# out of the context.
COPY packages packages
COPY services services

# ---------------------------------------------------------------------------
# runtime: Node 24, tini, the app owned by root and only readable by the
# unprivileged `node` user (uid 1000) it runs as.
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    MEDIA_DIR=/var/lib/wapipe/media
WORKDIR /app
COPY --from=deps /app /app
COPY --chmod=0755 ops/container/entrypoint.sh /usr/local/bin/wapipe
# The media fetcher's local store; Kubernetes mounts a volume over it and
# the root filesystem is read-only there.
RUN mkdir -p /var/lib/wapipe/media && chown node:node /var/lib/wapipe/media

USER node:node
# 8080: webhooks (ingress only); 9464: /healthz, /readyz, /metrics.
EXPOSE 8080 9464
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/wapipe"]
