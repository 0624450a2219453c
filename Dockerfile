# factcheck: the chat widget, REST API and Socket.IO server.
# Build stage: native modules (better-sqlite3, hnswlib-node) compile here; `npm ci` runs the
# `prepare` script, which builds the TypeScript sources and the widget.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci && npm prune --omit=dev

# Runtime stage: only what serving needs, run as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/client/dist ./client/dist
COPY --from=build /app/knowledge ./knowledge
# The trained verdict model (VERDICT_MODEL's default path, relative to the project).
COPY --from=build /app/src/verdict/model/verdict-model.json ./src/verdict/model/verdict-model.json
RUN mkdir -p /app/data /app/knowledge/uploads && chown node:node /app/data /app/knowledge/uploads
USER node
# The index (built on first start) and the SQLite database live here; documents uploaded by
# admins in the console go to knowledge/uploads, kept across container upgrades.
VOLUME ["/app/data", "/app/knowledge/uploads"]
EXPOSE 3000
# Ready once the index is loaded; the first start builds it, which can take minutes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15m --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM from `docker stop` lets answers in flight finish (SHUTDOWN_TIMEOUT_MS).
CMD ["node", "bin/factcheck.js", "serve"]
