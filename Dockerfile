# One image per service, from one Dockerfile: `docker build --target <service> -t touchpoint-<service> .`
# with <service> one of ingest, identity, journey, recommendation. The migrations run from the
# identity and journey images: `node dist/apps/<service>/src/migrate.js`.
#
# RUN steps use paths relative to WORKDIR: `.ci/run` replays them outside Docker
# (tools/ops/check-dockerfile.ts), so they must not depend on the image's absolute layout.

ARG NODE_IMAGE=node:20-bookworm-slim

# Compiles with SWC, which keeps the decorator metadata Nest's dependency injection reads.
FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json ./
COPY tools/tsconfig.json tools/
COPY tools/ops/build-services.ts tools/ops/
COPY libs libs
COPY apps/ingest apps/ingest
COPY apps/identity apps/identity
COPY apps/journey apps/journey
COPY apps/recommendation apps/recommendation
RUN npx tsx --tsconfig tools/tsconfig.json tools/ops/build-services.ts dist

# Production dependencies only: no compiler, test runner or dev broker in the image. Only
# node_modules leaves this stage, so npm's cache stays behind without a clean step.
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    LOG_LEVEL=info
WORKDIR /app
COPY --from=production-dependencies /workspace/node_modules node_modules
COPY --from=build /workspace/dist dist
COPY package.json ./
COPY config config
# The node image's unprivileged user (uid 1000); nothing in /app is writable by it.
USER 1000:1000
# node is PID 1 and handles SIGTERM itself (Nest's shutdown hooks): no shell in between.
ENTRYPOINT ["node"]

FROM runtime AS ingest
ENV INGEST_HTTP_PORT=8080
EXPOSE 8080
CMD ["dist/apps/ingest/src/main.js"]

FROM runtime AS identity
ENV IDENTITY_HTTP_PORT=8081
EXPOSE 8081
CMD ["dist/apps/identity/src/main.js"]

FROM runtime AS journey
ENV JOURNEY_HTTP_PORT=8082
EXPOSE 8082
CMD ["dist/apps/journey/src/main.js"]

FROM runtime AS recommendation
ENV RECOMMENDATION_HTTP_PORT=8083
EXPOSE 8083
CMD ["dist/apps/recommendation/src/main.js"]
