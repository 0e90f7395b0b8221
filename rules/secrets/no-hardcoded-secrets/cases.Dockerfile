FROM node:20-alpine
# ruleid: no-hardcoded-secrets
ENV API_TOKEN={{fake:token.3}}
# ok: no-hardcoded-secrets
ARG NPM_TOKEN
WORKDIR /app
