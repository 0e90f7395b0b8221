// The commented starter guardline.yaml that "Guardline: Open Configuration" creates when there is none.
export const STARTER_CONFIG = `# Guardline configuration: tell Guardline where this code runs, so findings are ranked by real
# exposure. The schema (schemas/guardline.schema.json) gives completion and checks in YAML editors.
version: 1

# Services: which paths belong to which deployed service, and how exposed that service is.
# services:
#   web-api:
#     paths: ["src/api/**", "src/server.ts"]
#     exposure: internet          # internet | partner | internal | isolated
#     authentication: required    # none | required
#     data: [pii]                 # pii | payment-card | credentials | health | secrets | public
#   nightly-report:
#     paths: ["jobs/**"]
#     exposure: isolated

# Rules: turn a rule off or give it another severity (critical, high, medium, low, info).
# rules:
#   no-command-injection: critical

# Files never analysed (globs relative to this file).
# ignore:
#   - "dist/**"
#   - "**/*.min.js"
`;
