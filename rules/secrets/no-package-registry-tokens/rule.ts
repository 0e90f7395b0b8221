// Package-registry token in code: npm, PyPI, Docker Hub, RubyGems, NuGet, crates.io, JFrog and Clojars. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-package-registry-tokens',
  title: 'Package-registry token in code',
  severity: 'critical',
  tags: ['supply-chain'],
});
