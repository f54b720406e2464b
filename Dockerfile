# syntax=docker/dockerfile:1
# One image for the worker, the API and the one-shot setup; the command picks the role.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/patch-deps.mjs ./scripts/
RUN npm ci --no-audit --no-fund --omit=dev --ignore-scripts=false && node scripts/patch-deps.mjs

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN groupadd --system app && useradd --system --gid app --home /app app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json config.ts ./
COPY calendars ./calendars
COPY checks ./checks
COPY regulations ./regulations
COPY workflows ./workflows
COPY activities ./activities
COPY worker ./worker
COPY api ./api
COPY db ./db
COPY cli ./cli
USER app
# tsx runs the TypeScript sources as they are (no separate build output to drift from the code).
ENTRYPOINT ["node", "--import", "tsx"]
CMD ["api/main.ts"]
