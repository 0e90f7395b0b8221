// The provider catalogue: every token format Guardline recognises, with the documented shape it
// is matched by (fixed prefixes, lengths, alphabets, checksums) and a link to where the provider
// describes it. Two kinds: prefix detectors, found anywhere by a literal anchor, and keyed
// detectors, found when a provider's name is in the key a value is assigned to.
import type { Severity } from '../types';
import { hasValidCrc32Suffix } from './checksum';

export type SecretRuleId =
  | 'no-cloud-credentials'
  | 'no-source-control-tokens'
  | 'no-package-registry-tokens'
  | 'no-messaging-service-tokens'
  | 'no-payment-service-keys'
  | 'no-ai-service-keys'
  | 'no-monitoring-service-keys'
  | 'no-identity-service-secrets'
  | 'no-saas-api-tokens'
  | 'no-private-keys'
  | 'no-credentials-in-urls'
  | 'no-hardcoded-secrets';

interface DetectorBase {
  id: string;
  rule: SecretRuleId;
  /** What was found, for messages: "GitHub personal access token". */
  label: string;
  /** The environment variable the value should be read from instead. */
  env: string;
  severity?: Severity;
}

export interface PrefixDetector extends DetectorBase {
  kind: 'prefix';
  /** Case-sensitive literals that occur in every match, `lookbehind` characters at most after its start. */
  anchors: string[];
  /** The whole token; a first capture group, when present, is the secret part. */
  pattern: RegExp;
  /** How far before the anchor the token may start (0: the token starts with the anchor). */
  lookbehind?: number;
  /** A checksum the format embeds; a token that passes it skips the randomness tests. */
  checksum?: (token: string) => boolean;
  /** Extra condition on the line around the token (e.g. a SAS signature needs `sv=`). */
  lineTest?: RegExp;
}

export interface KeyedDetector extends DetectorBase {
  kind: 'keyed';
  /** Lower-case words, one of which must be in the key the value is assigned to. */
  keywords: string[];
  /** The whole value, anchored. */
  value: RegExp;
}

export type ProviderDetector = PrefixDetector | KeyedDetector;

const END = '(?![A-Za-z0-9_-])';
const UUID_RE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function prefix(id: string, rule: SecretRuleId, label: string, env: string, anchors: string[], source: string, extra: Partial<PrefixDetector> = {}): PrefixDetector {
  return { kind: 'prefix', id, rule, label, env, anchors, pattern: new RegExp(source, extra.lookbehind ? 'g' : 'y'), ...extra };
}

function keyed(id: string, rule: SecretRuleId, label: string, env: string, keywords: string[], value: string, extra: Partial<KeyedDetector> = {}): KeyedDetector {
  return { kind: 'keyed', id, rule, label, env, keywords, value: new RegExp(`^(?:${value})$`), ...extra };
}

const github = (token: string): boolean => hasValidCrc32Suffix(token, 4);

export const PROVIDER_DETECTORS: readonly ProviderDetector[] = [
  // ---- Cloud providers -------------------------------------------------------------------
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
  prefix('aws-access-key-id', 'no-cloud-credentials', 'AWS access key ID', 'AWS_ACCESS_KEY_ID', ['AKIA', 'ASIA', 'ABIA', 'ACCA'], `(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${END}`, { severity: 'high' }),
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html (40 characters, base64 alphabet)
  keyed('aws-secret-access-key', 'no-cloud-credentials', 'AWS secret access key', 'AWS_SECRET_ACCESS_KEY', ['aws', 'secret_access_key', 'secretaccesskey'], '[A-Za-z0-9/+]{40}', { severity: 'critical' }),
  // https://cloud.google.com/docs/authentication/api-keys (AIza + 35 characters)
  prefix('gcp-api-key', 'no-cloud-credentials', 'Google Cloud API key', 'GOOGLE_API_KEY', ['AIza'], `AIza[0-9A-Za-z_-]{35}${END}`),
  // https://cloud.google.com/blog/products/identity-security/introducing-client-secret-prefix (GOCSPX-)
  prefix('gcp-oauth-client-secret', 'no-cloud-credentials', 'Google OAuth client secret', 'GOOGLE_CLIENT_SECRET', ['GOCSPX-'], `GOCSPX-[A-Za-z0-9_-]{28}${END}`),
  // https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string (AccountKey: 64 bytes, base64)
  prefix('azure-storage-account-key', 'no-cloud-credentials', 'Azure storage account key', 'AZURE_STORAGE_KEY', ['AccountKey='], `AccountKey=([A-Za-z0-9+/]{86}==)`, { severity: 'critical' }),
  // https://learn.microsoft.com/azure/service-bus-messaging/service-bus-authentication-and-authorization (SharedAccessKey: 32 bytes, base64)
  prefix('azure-shared-access-key', 'no-cloud-credentials', 'Azure Service Bus / Event Hubs shared access key', 'AZURE_SERVICEBUS_CONNECTION_STRING', ['SharedAccessKey='], `SharedAccessKey=([A-Za-z0-9+/]{43}=)`),
  // https://learn.microsoft.com/rest/api/storageservices/create-service-sas (sv=, se=, sp=, sig=)
  prefix('azure-sas-token', 'no-cloud-credentials', 'Azure shared access signature', 'AZURE_SAS_TOKEN', ['sig='], `sig=((?:[A-Za-z0-9+/]|%2[BbFf]){40,}(?:=|%3[Dd]){0,2})`, { lineTest: /[?&;"']sv=\d{4}-\d\d-\d\d/ }),
  // https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials (client secrets carry "Q~" after 4 characters)
  prefix('azure-ad-client-secret', 'no-cloud-credentials', 'Microsoft Entra ID client secret', 'AZURE_CLIENT_SECRET', ['Q~'], `(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])`, { lookbehind: 4 }),
  // https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate (84-character format, AZDO signature)
  prefix('azure-devops-pat', 'no-source-control-tokens', 'Azure DevOps personal access token', 'AZURE_DEVOPS_PAT', ['AZDO'], `(?<![A-Za-z0-9])([A-Za-z0-9]{52}AZDO[A-Za-z0-9]{28})${END}`, { lookbehind: 52 }),
  keyed('azure-devops-pat-legacy', 'no-source-control-tokens', 'Azure DevOps personal access token', 'AZURE_DEVOPS_PAT', ['azure_devops', 'azuredevops', 'azdo', 'ado_pat', 'ado_token', 'devops', 'vsts'], '[a-z2-7]{52}'),
  // https://docs.digitalocean.com/reference/api/create-personal-access-token/ (dop_v1_ + 64 hex; doo_v1_, dor_v1_ for OAuth)
  prefix('digitalocean-token', 'no-cloud-credentials', 'DigitalOcean access token', 'DIGITALOCEAN_TOKEN', ['dop_v1_', 'doo_v1_', 'dor_v1_'], `do[por]_v1_[a-f0-9]{64}${END}`),
  // https://devcenter.heroku.com/articles/authentication (HRKU- tokens; older API keys are UUIDs)
  prefix('heroku-api-key', 'no-cloud-credentials', 'Heroku API key', 'HEROKU_API_KEY', ['HRKU-'], `HRKU-[A-Za-z0-9_-]{60}${END}`),
  keyed('heroku-api-key-legacy', 'no-cloud-credentials', 'Heroku API key', 'HEROKU_API_KEY', ['heroku'], UUID_RE),
  // https://developers.cloudflare.com/fundamentals/api/get-started/create-token/ (40-character API tokens; 37-hex global keys)
  keyed('cloudflare-api-token', 'no-cloud-credentials', 'Cloudflare API token', 'CLOUDFLARE_API_TOKEN', ['cloudflare', 'cf_api', 'cf_token', 'cf_auth'], '[A-Za-z0-9_-]{40}|[a-f0-9]{37}'),
  // https://developers.cloudflare.com/ssl/origin-configuration/origin-ca/ (v1.0- origin CA keys)
  prefix('cloudflare-origin-ca-key', 'no-cloud-credentials', 'Cloudflare Origin CA key', 'CLOUDFLARE_ORIGIN_CA_KEY', ['v1.0-'], `v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}${END}`),
  // https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair (LTAI + 20 characters)
  prefix('alibaba-access-key-id', 'no-cloud-credentials', 'Alibaba Cloud AccessKey ID', 'ALIBABA_CLOUD_ACCESS_KEY_ID', ['LTAI'], `LTAI[A-Za-z0-9]{20}${END}`, { severity: 'high' }),
  keyed('alibaba-access-key-secret', 'no-cloud-credentials', 'Alibaba Cloud AccessKey secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', ['alibaba', 'aliyun'], '[A-Za-z0-9]{30}'),
  // https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes (hvs., hvb., hvr.)
  prefix('hashicorp-vault-token', 'no-cloud-credentials', 'HashiCorp Vault token', 'VAULT_TOKEN', ['hvs.', 'hvb.'], `hv[sb]\\.[A-Za-z0-9_-]{90,300}${END}`),
  // https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens (<14>.atlasv1.<60-70>)
  prefix('terraform-cloud-token', 'no-cloud-credentials', 'Terraform Cloud API token', 'TFE_TOKEN', ['.atlasv1.'], `(?<![A-Za-z0-9])([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})${END}`, { lookbehind: 14 }),
  // https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/ (pul- + 40 hex)
  prefix('pulumi-access-token', 'no-cloud-credentials', 'Pulumi access token', 'PULUMI_ACCESS_TOKEN', ['pul-'], `pul-[a-f0-9]{40}${END}`),
  // https://docs.databricks.com/en/dev-tools/auth/pat.html (dapi + 32 hex)
  prefix('databricks-token', 'no-cloud-credentials', 'Databricks personal access token', 'DATABRICKS_TOKEN', ['dapi'], `dapi[a-f0-9]{32}(?:-\\d)?${END}`),
  // https://docs.doppler.com/reference/api#authentication (dp.pt., dp.st., dp.sa. tokens)
  prefix('doppler-token', 'no-cloud-credentials', 'Doppler token', 'DOPPLER_TOKEN', ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.'], `dp\\.(?:pt|st|sa|ct)\\.[A-Za-z0-9]{40,44}${END}`),
  // https://fly.io/docs/security/tokens/ (fo1_ OAuth tokens, FlyV1 macaroons)
  prefix('flyio-token', 'no-cloud-credentials', 'Fly.io access token', 'FLY_API_TOKEN', ['fo1_', 'fm2_'], `(?:fo1_[A-Za-z0-9_-]{43}|fm2_[A-Za-z0-9+/]{100,}={0,3})${END}`),
  // https://supabase.com/docs/reference/api/introduction (sbp_ management tokens)
  prefix('supabase-token', 'no-cloud-credentials', 'Supabase management token', 'SUPABASE_ACCESS_TOKEN', ['sbp_'], `sbp_[a-f0-9]{40}${END}`),
  // https://planetscale.com/docs/concepts/service-tokens (pscale_tkn_, pscale_pw_, pscale_oauth_)
  prefix('planetscale-token', 'no-cloud-credentials', 'PlanetScale token or password', 'PLANETSCALE_TOKEN', ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'], `pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64}${END}`),
  // https://developers.scalingo.com/ (tk-us- API tokens)
  prefix('scalingo-token', 'no-cloud-credentials', 'Scalingo API token', 'SCALINGO_API_TOKEN', ['tk-us-'], `tk-us-[A-Za-z0-9_-]{48}${END}`),
  // https://vercel.com/docs/rest-api#authentication (24-character tokens)
  keyed('vercel-token', 'no-cloud-credentials', 'Vercel access token', 'VERCEL_TOKEN', ['vercel', 'now_token'], '[A-Za-z0-9]{24}'),
  // https://docs.netlify.com/api/get-started/#authentication (nfp_ personal access tokens)
  prefix('netlify-token', 'no-cloud-credentials', 'Netlify personal access token', 'NETLIFY_AUTH_TOKEN', ['nfp_'], `nfp_[A-Za-z0-9]{36}${END}`),
  keyed('netlify-token-legacy', 'no-cloud-credentials', 'Netlify personal access token', 'NETLIFY_AUTH_TOKEN', ['netlify'], '[A-Za-z0-9_-]{40,46}'),

  // ---- Source control --------------------------------------------------------------------
  // https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/ (prefix + 30 random + CRC32 in base62)
  prefix('github-pat', 'no-source-control-tokens', 'GitHub personal access token', 'GITHUB_TOKEN', ['ghp_'], `ghp_[A-Za-z0-9]{36}${END}`, { checksum: github }),
  prefix('github-oauth-token', 'no-source-control-tokens', 'GitHub OAuth access token', 'GITHUB_TOKEN', ['gho_'], `gho_[A-Za-z0-9]{36}${END}`, { checksum: github }),
  prefix('github-app-token', 'no-source-control-tokens', 'GitHub App token', 'GITHUB_TOKEN', ['ghu_', 'ghs_'], `gh[us]_[A-Za-z0-9]{36}${END}`, { checksum: github }),
  prefix('github-refresh-token', 'no-source-control-tokens', 'GitHub refresh token', 'GITHUB_REFRESH_TOKEN', ['ghr_'], `ghr_[A-Za-z0-9]{36,76}${END}`, { checksum: (t) => t.length === 40 && github(t) }),
  // https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens (github_pat_ fine-grained)
  prefix('github-fine-grained-pat', 'no-source-control-tokens', 'GitHub fine-grained personal access token', 'GITHUB_TOKEN', ['github_pat_'], `github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${END}`),
  // https://docs.gitlab.com/ee/security/tokens/#token-prefixes
  prefix('gitlab-pat', 'no-source-control-tokens', 'GitLab personal access token', 'GITLAB_TOKEN', ['glpat-'], `glpat-(?:[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{2}[0-9a-z]{7}|[A-Za-z0-9_-]{20})${END}`),
  prefix('gitlab-token', 'no-source-control-tokens', 'GitLab token', 'GITLAB_TOKEN', ['gldt-', 'glrt-', 'glcbt-', 'glft-', 'glimt-', 'glsoat-', 'gloas-', 'glagent-', 'glffct-', 'glptt-'], `gl(?:dt|rt|cbt|ft|imt|soat|oas|agent|ffct|ptt)-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{9})?${END}`),
  prefix('gitlab-runner-registration-token', 'no-source-control-tokens', 'GitLab runner registration token', 'GITLAB_RUNNER_TOKEN', ['GR1348941'], `GR1348941[A-Za-z0-9_-]{20}${END}`),
  // https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/ (ATBB + 32)
  prefix('bitbucket-app-password', 'no-source-control-tokens', 'Bitbucket app password', 'BITBUCKET_APP_PASSWORD', ['ATBB'], `ATBB[A-Za-z0-9_=.-]{32}${END}`),
  // https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/ (ATCTT3xFfGN0 repository/workspace tokens)
  prefix('bitbucket-access-token', 'no-source-control-tokens', 'Bitbucket access token', 'BITBUCKET_TOKEN', ['ATCTT3'], `ATCTT3[A-Za-z0-9_=-]{100,300}${END}`),
  keyed('bitbucket-client-secret', 'no-source-control-tokens', 'Bitbucket OAuth consumer secret', 'BITBUCKET_CLIENT_SECRET', ['bitbucket'], '[A-Za-z0-9]{32}'),
  // https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/ (ATATT3 + ~186)
  prefix('atlassian-api-token', 'no-saas-api-tokens', 'Atlassian API token', 'ATLASSIAN_API_TOKEN', ['ATATT3'], `ATATT3[A-Za-z0-9_=-]{100,300}${END}`),

  // ---- Package registries ----------------------------------------------------------------
  // https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/ (npm_ + 30 random + CRC32)
  prefix('npm-token', 'no-package-registry-tokens', 'npm access token', 'NPM_TOKEN', ['npm_'], `npm_[A-Za-z0-9]{36}${END}`, { checksum: github }),
  // https://docs.npmjs.com/using-private-packages-in-a-ci-cd-workflow (legacy UUID tokens in .npmrc _authToken)
  keyed('npm-token-legacy', 'no-package-registry-tokens', 'npm access token', 'NPM_TOKEN', ['_authtoken', 'npm_token', 'npmtoken'], UUID_RE),
  // https://pypi.org/help/#apitoken (macaroons: pypi-AgEIcHlwaS5vcmc...)
  prefix('pypi-token', 'no-package-registry-tokens', 'PyPI API token', 'PYPI_TOKEN', ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], `pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}${END}`),
  // https://docs.docker.com/security/for-developers/access-tokens/ (dckr_pat_, dckr_oat_)
  prefix('docker-hub-token', 'no-package-registry-tokens', 'Docker Hub access token', 'DOCKERHUB_TOKEN', ['dckr_pat_', 'dckr_oat_'], `dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}${END}`),
  // https://guides.rubygems.org/api-key-scopes/ (rubygems_ + 48 hex)
  prefix('rubygems-token', 'no-package-registry-tokens', 'RubyGems API key', 'GEM_HOST_API_KEY', ['rubygems_'], `rubygems_[a-f0-9]{48}${END}`),
  // https://learn.microsoft.com/nuget/nuget-org/scoped-api-keys (oy2 + 43 lower-case characters)
  prefix('nuget-api-key', 'no-package-registry-tokens', 'NuGet API key', 'NUGET_API_KEY', ['oy2'], `oy2[a-z0-9]{43}${END}`),
  // https://doc.rust-lang.org/cargo/reference/registry-web-api.html (crates.io tokens: cio + 32)
  prefix('crates-io-token', 'no-package-registry-tokens', 'crates.io API token', 'CARGO_REGISTRY_TOKEN', ['cio'], `cio[A-Za-z0-9]{32}${END}`),
  // https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens (AKCp API keys, cmVmdGtu reference tokens)
  prefix('jfrog-token', 'no-package-registry-tokens', 'JFrog Artifactory token', 'ARTIFACTORY_TOKEN', ['AKCp', 'cmVmdGtu'], `(?:AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})${END}`),
  // https://github.com/clojars/clojars-web/wiki/Deploy-Tokens (CLOJARS_ + 60)
  prefix('clojars-token', 'no-package-registry-tokens', 'Clojars deploy token', 'CLOJARS_TOKEN', ['CLOJARS_'], `CLOJARS_[a-z0-9]{60}${END}`),

  // ---- Messaging and e-mail --------------------------------------------------------------
  // https://api.slack.com/authentication/token-types (xoxb-, xoxp-, xoxa-, xoxr-, xoxe-, xapp-)
  prefix('slack-bot-token', 'no-messaging-service-tokens', 'Slack bot token', 'SLACK_BOT_TOKEN', ['xoxb-'], `xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,40}${END}`),
  prefix('slack-user-token', 'no-messaging-service-tokens', 'Slack user token', 'SLACK_USER_TOKEN', ['xoxp-'], `xoxp-(?:[0-9]{8,14}-){2,3}[A-Za-z0-9]{18,64}${END}`),
  prefix('slack-app-token', 'no-messaging-service-tokens', 'Slack app-level token', 'SLACK_APP_TOKEN', ['xapp-'], `xapp-\\d-[A-Z0-9]{8,14}-\\d{8,14}-[A-Za-z0-9]{32,80}${END}`),
  prefix('slack-legacy-token', 'no-messaging-service-tokens', 'Slack token', 'SLACK_TOKEN', ['xoxa-', 'xoxr-', 'xoxs-', 'xoxo-', 'xoxe-', 'xoxe.'], `xox(?:[arsoe]-|e\\.xox[bp]-)[0-9A-Za-z-]{20,200}${END}`),
  // https://api.slack.com/messaging/webhooks (hooks.slack.com/services/T.../B.../...)
  prefix('slack-webhook', 'no-messaging-service-tokens', 'Slack incoming webhook URL', 'SLACK_WEBHOOK_URL', ['hooks.slack.com/'], `hooks\\.slack\\.com/(?:services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/([A-Za-z0-9]{24})|(?:workflows|triggers)/T[A-Z0-9]{8,12}/[A-Za-z0-9/]{20,80})`),
  // https://discord.com/developers/docs/resources/webhook (discord.com/api/webhooks/<id>/<68-char token>)
  prefix('discord-webhook', 'no-messaging-service-tokens', 'Discord webhook URL', 'DISCORD_WEBHOOK_URL', ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'], `discord(?:app)?\\.com/api/webhooks/\\d{17,20}/([A-Za-z0-9_-]{60,80})`),
  // https://discord.com/developers/docs/reference#authentication (bot tokens: base64 id . timestamp . hmac)
  keyed('discord-bot-token', 'no-messaging-service-tokens', 'Discord bot token', 'DISCORD_TOKEN', ['discord'], '[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}|[a-f0-9]{64}'),
  // https://core.telegram.org/bots/api#authorizing-your-bot (<bot id>:<35 characters>)
  prefix('telegram-bot-token', 'no-messaging-service-tokens', 'Telegram bot token', 'TELEGRAM_BOT_TOKEN', [':AA'], `(?<![A-Za-z0-9])(\\d{8,10}:AA[A-Za-z0-9_-]{33})${END}`, { lookbehind: 10 }),
  // https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
  prefix('teams-webhook', 'no-messaging-service-tokens', 'Microsoft Teams webhook URL', 'TEAMS_WEBHOOK_URL', ['.webhook.office.com/webhookb2/'], `\\.webhook\\.office\\.com/webhookb2/${UUID_RE}@${UUID_RE}/IncomingWebhook/([a-f0-9]{32})/${UUID_RE}`),
  // https://www.twilio.com/docs/iam/api-keys (API key SIDs: SK + 32 hex; auth tokens: 32 hex)
  prefix('twilio-api-key', 'no-messaging-service-tokens', 'Twilio API key', 'TWILIO_API_KEY', ['SK'], `SK[0-9a-f]{32}${END}`),
  keyed('twilio-auth-token', 'no-messaging-service-tokens', 'Twilio auth token', 'TWILIO_AUTH_TOKEN', ['twilio'], '[a-f0-9]{32}'),
  // https://docs.sendgrid.com/ui/account-and-settings/api-keys (SG.<22>.<43>)
  prefix('sendgrid-api-key', 'no-messaging-service-tokens', 'SendGrid API key', 'SENDGRID_API_KEY', ['SG.'], `SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${END}`),
  // https://documentation.mailgun.com/docs/mailgun/api-reference/authentication/ (key-<32 hex>, or <32 hex>-<8>-<8>)
  prefix('mailgun-api-key', 'no-messaging-service-tokens', 'Mailgun API key', 'MAILGUN_API_KEY', ['key-'], `key-[a-f0-9]{32}${END}`),
  keyed('mailgun-api-key-v2', 'no-messaging-service-tokens', 'Mailgun API key', 'MAILGUN_API_KEY', ['mailgun'], '[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}'),
  // https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key (<32 hex>-us<N>)
  prefix('mailchimp-api-key', 'no-messaging-service-tokens', 'Mailchimp API key', 'MAILCHIMP_API_KEY', ['-us'], `(?<![A-Za-z0-9])([a-f0-9]{32}-us\\d{1,2})${END}`, { lookbehind: 32 }),
  // https://developers.brevo.com/docs/getting-started (xkeysib-<64 hex>-<16>)
  prefix('brevo-api-key', 'no-messaging-service-tokens', 'Brevo (Sendinblue) API key', 'BREVO_API_KEY', ['xkeysib-'], `xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}${END}`),
  // https://postmarkapp.com/developer/api/overview#authentication (server tokens are UUIDs)
  keyed('postmark-token', 'no-messaging-service-tokens', 'Postmark server token', 'POSTMARK_SERVER_TOKEN', ['postmark'], UUID_RE),

  // ---- Payments and commerce -------------------------------------------------------------
  // https://docs.stripe.com/keys (sk_live_, rk_live_; test-mode sk_test_, rk_test_)
  prefix('stripe-secret-key', 'no-payment-service-keys', 'Stripe live secret key', 'STRIPE_SECRET_KEY', ['sk_live_'], `sk_live_[A-Za-z0-9]{24,247}${END}`, { severity: 'critical' }),
  prefix('stripe-restricted-key', 'no-payment-service-keys', 'Stripe live restricted key', 'STRIPE_SECRET_KEY', ['rk_live_'], `rk_live_[A-Za-z0-9]{24,247}${END}`, { severity: 'critical' }),
  prefix('stripe-test-key', 'no-payment-service-keys', 'Stripe test-mode secret key', 'STRIPE_SECRET_KEY', ['sk_test_', 'rk_test_'], `[sr]k_test_[A-Za-z0-9]{24,247}${END}`, { severity: 'medium' }),
  // https://docs.stripe.com/webhooks#verify-official-libraries (whsec_ signing secrets)
  prefix('stripe-webhook-secret', 'no-payment-service-keys', 'Stripe webhook signing secret', 'STRIPE_WEBHOOK_SECRET', ['whsec_'], `whsec_[A-Za-z0-9+/=]{32,}${END}`),
  // https://developer.squareup.com/docs/build-basics/access-tokens (EAAA production tokens, sq0atp-, sq0csp-)
  prefix('square-token', 'no-payment-service-keys', 'Square access token or secret', 'SQUARE_ACCESS_TOKEN', ['sq0atp-', 'sq0csp-', 'EAAA'], `(?:sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60})${END}`),
  // https://developer.paypal.com/braintree/docs/guides/authorization/overview (access_token$production$...)
  prefix('braintree-access-token', 'no-payment-service-keys', 'Braintree access token', 'BRAINTREE_ACCESS_TOKEN', ['access_token$'], `access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}`),
  keyed('paypal-client-secret', 'no-payment-service-keys', 'PayPal client secret', 'PAYPAL_CLIENT_SECRET', ['paypal'], '[A-Za-z0-9_-]{80}'),
  // https://shopify.dev/docs/apps/auth/access-token-types (shpat_, shpca_, shppa_, shpss_ + 32 hex)
  prefix('shopify-token', 'no-payment-service-keys', 'Shopify access token or shared secret', 'SHOPIFY_ACCESS_TOKEN', ['shpat_', 'shpca_', 'shppa_', 'shpss_'], `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}${END}`),
  // https://developer.flutterwave.com/docs/integration-guides/authentication (FLWSECK- secret keys)
  prefix('flutterwave-secret-key', 'no-payment-service-keys', 'Flutterwave secret key', 'FLUTTERWAVE_SECRET_KEY', ['FLWSECK-', 'FLWSECK_TEST-'], `FLWSECK(?:_TEST)?-[a-f0-9]{32}-X${END}`),
  // https://docs.goshippo.com/docs/guides_general/authentication/ (shippo_live_, shippo_test_)
  prefix('shippo-token', 'no-payment-service-keys', 'Shippo API token', 'SHIPPO_API_TOKEN', ['shippo_live_', 'shippo_test_'], `shippo_(?:live|test)_[a-f0-9]{40}${END}`),
  // https://docs.easypost.com/docs/authentication (EZAK production keys)
  prefix('easypost-api-key', 'no-payment-service-keys', 'EasyPost API key', 'EASYPOST_API_KEY', ['EZAK'], `EZAK[A-Za-z0-9]{54}${END}`),
  // https://plaid.com/docs/api/tokens/ (access-production-<uuid>)
  prefix('plaid-access-token', 'no-payment-service-keys', 'Plaid access token', 'PLAID_ACCESS_TOKEN', ['access-production-', 'access-development-'], `access-(?:production|development)-${UUID_RE}${END}`),
  keyed('razorpay-key-secret', 'no-payment-service-keys', 'Razorpay key secret', 'RAZORPAY_KEY_SECRET', ['razorpay'], '[A-Za-z0-9]{24}'),

  // ---- AI services -----------------------------------------------------------------------
  // https://platform.openai.com/docs/api-reference/authentication (sk-proj-, sk-svcacct-, sk-admin-, legacy sk-)
  prefix('openai-api-key', 'no-ai-service-keys', 'OpenAI API key', 'OPENAI_API_KEY', ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'], `sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,250}${END}`),
  prefix('openai-api-key-legacy', 'no-ai-service-keys', 'OpenAI API key', 'OPENAI_API_KEY', ['sk-'], `sk-(?:[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})${END}`),
  // https://docs.anthropic.com/en/api/getting-started#authentication (sk-ant-api03-..., sk-ant-admin01-...)
  prefix('anthropic-api-key', 'no-ai-service-keys', 'Anthropic API key', 'ANTHROPIC_API_KEY', ['sk-ant-'], `sk-ant-(?:api|admin|oat)\\d\\d-[A-Za-z0-9_-]{80,120}${END}`),
  // https://huggingface.co/docs/hub/security-tokens (hf_ + 34 letters; api_org_ for organisations)
  prefix('huggingface-token', 'no-ai-service-keys', 'Hugging Face access token', 'HF_TOKEN', ['hf_', 'api_org_'], `(?:hf_|api_org_)[A-Za-z0-9]{34,40}${END}`),
  // https://console.groq.com/docs/quickstart (gsk_ + 52)
  prefix('groq-api-key', 'no-ai-service-keys', 'Groq API key', 'GROQ_API_KEY', ['gsk_'], `gsk_[A-Za-z0-9]{52}${END}`),
  // https://replicate.com/docs/reference/http#authentication (r8_ + 37)
  prefix('replicate-token', 'no-ai-service-keys', 'Replicate API token', 'REPLICATE_API_TOKEN', ['r8_'], `r8_[A-Za-z0-9]{37}${END}`),
  // https://docs.perplexity.ai/guides/getting-started (pplx- + 48)
  prefix('perplexity-api-key', 'no-ai-service-keys', 'Perplexity API key', 'PERPLEXITY_API_KEY', ['pplx-'], `pplx-[A-Za-z0-9]{48}${END}`),
  // https://docs.x.ai/docs/overview (xai- + 80)
  prefix('xai-api-key', 'no-ai-service-keys', 'xAI API key', 'XAI_API_KEY', ['xai-'], `xai-[A-Za-z0-9]{80}${END}`),
  // https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key (lsv2_pt_, lsv2_sk_)
  prefix('langsmith-api-key', 'no-ai-service-keys', 'LangSmith API key', 'LANGSMITH_API_KEY', ['lsv2_pt_', 'lsv2_sk_'], `lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}${END}`),
  // https://docs.cohere.com/reference/about (40-character keys)
  keyed('cohere-api-key', 'no-ai-service-keys', 'Cohere API key', 'CO_API_KEY', ['cohere', 'co_api_key'], '[A-Za-z0-9]{40}'),
  // https://docs.mistral.ai/getting-started/quickstart/ (32-character keys)
  keyed('mistral-api-key', 'no-ai-service-keys', 'Mistral API key', 'MISTRAL_API_KEY', ['mistral'], '[A-Za-z0-9]{32}'),

  // ---- Monitoring and observability ------------------------------------------------------
  // https://docs.datadoghq.com/account_management/api-app-keys/ (API keys 32 hex, application keys 40 hex)
  keyed('datadog-api-key', 'no-monitoring-service-keys', 'Datadog API or application key', 'DD_API_KEY', ['datadog', 'dd_api', 'ddapi', 'dd_app', 'dd_application', 'dd_client'], '[a-f0-9]{32}|[a-f0-9]{40}'),
  // https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/ (NRAK-, NRJS-, NRII-, license keys ending NRAL)
  prefix('newrelic-key', 'no-monitoring-service-keys', 'New Relic API key', 'NEW_RELIC_API_KEY', ['NRAK-', 'NRJS-', 'NRII-'], `(?:NRAK-[A-Z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9_-]{32})${END}`),
  prefix('newrelic-license-key', 'no-monitoring-service-keys', 'New Relic license key', 'NEW_RELIC_LICENSE_KEY', ['NRAL'], `(?<![A-Za-z0-9])([a-f0-9]{36}NRAL)${END}`, { lookbehind: 36 }),
  keyed('newrelic-license-key-legacy', 'no-monitoring-service-keys', 'New Relic license key', 'NEW_RELIC_LICENSE_KEY', ['newrelic', 'new_relic', 'nr_license'], '[a-f0-9]{40}'),
  // https://docs.sentry.io/account/auth-tokens/ (sntrys_ organisation tokens, sntryu_ user tokens)
  prefix('sentry-token', 'no-monitoring-service-keys', 'Sentry auth token', 'SENTRY_AUTH_TOKEN', ['sntrys_', 'sntryu_'], `(?:sntrys_eyJ[A-Za-z0-9+/=_]{60,400}|sntryu_[a-f0-9]{64})${END}`),
  keyed('sentry-token-legacy', 'no-monitoring-service-keys', 'Sentry auth token', 'SENTRY_AUTH_TOKEN', ['sentry'], '[a-f0-9]{64}'),
  // https://grafana.com/docs/grafana/latest/administration/service-accounts/ (glsa_, glc_ cloud tokens, eyJrIjoi API keys)
  prefix('grafana-token', 'no-monitoring-service-keys', 'Grafana token', 'GRAFANA_TOKEN', ['glsa_', 'glc_', 'eyJrIjoi'], `(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,3}|eyJrIjoi[A-Za-z0-9]{70,400}={0,3})${END}`),
  // https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens (dt0c01.)
  prefix('dynatrace-token', 'no-monitoring-service-keys', 'Dynatrace API token', 'DT_API_TOKEN', ['dt0c01.'], `dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}${END}`),
  keyed('honeycomb-api-key', 'no-monitoring-service-keys', 'Honeycomb API key', 'HONEYCOMB_API_KEY', ['honeycomb'], '[A-Za-z0-9]{22}|[a-f0-9]{32}'),

  // ---- Identity and auth services --------------------------------------------------------
  // https://developer.okta.com/docs/guides/create-an-api-token/ (00 + 40)
  keyed('okta-api-token', 'no-identity-service-secrets', 'Okta API token', 'OKTA_API_TOKEN', ['okta'], '00[A-Za-z0-9_-]{40}'),
  // https://auth0.com/docs/get-started/applications/application-settings (client secrets, 64 characters)
  keyed('auth0-client-secret', 'no-identity-service-secrets', 'Auth0 client secret', 'AUTH0_CLIENT_SECRET', ['auth0'], '[A-Za-z0-9_-]{64}'),
  // https://firebase.google.com/docs/cloud-messaging/auth-server (legacy FCM server keys: AAAA...:APA91b...)
  prefix('firebase-fcm-server-key', 'no-identity-service-secrets', 'Firebase Cloud Messaging server key', 'FCM_SERVER_KEY', [':APA91b'], `(?<![A-Za-z0-9])(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})${END}`, { lookbehind: 11 }),
  keyed('firebase-database-secret', 'no-identity-service-secrets', 'Firebase database secret', 'FIREBASE_DATABASE_SECRET', ['firebase'], '[A-Za-z0-9]{40}'),
  // https://developer.1password.com/docs/service-accounts/ (ops_eyJ service-account tokens)
  prefix('onepassword-service-account-token', 'no-identity-service-secrets', '1Password service account token', 'OP_SERVICE_ACCOUNT_TOKEN', ['ops_eyJ'], `ops_eyJ[A-Za-z0-9+/]{250,}={0,3}`),
  // https://developers.facebook.com/docs/facebook-login/guides/access-tokens/ (EAA... access tokens; 32-hex app secrets)
  prefix('facebook-access-token', 'no-identity-service-secrets', 'Facebook access token', 'FACEBOOK_ACCESS_TOKEN', ['EAAC', 'EAAG', 'EAAM'], `EAA[CGM][A-Za-z0-9]{100,}${END}`),
  keyed('facebook-app-secret', 'no-identity-service-secrets', 'Facebook app secret', 'FACEBOOK_APP_SECRET', ['facebook', 'fb_app', 'fb_secret'], '[a-f0-9]{32}'),
  // https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens (AAAA... bearer tokens)
  keyed('twitter-secret', 'no-identity-service-secrets', 'X (Twitter) API secret or bearer token', 'TWITTER_BEARER_TOKEN', ['twitter'], 'A{20,24}[A-Za-z0-9%]{80,120}|[A-Za-z0-9]{45,50}'),

  // ---- Other SaaS APIs -------------------------------------------------------------------
  // https://linear.app/developers/graphql#personal-api-keys (lin_api_ + 40)
  prefix('linear-api-key', 'no-saas-api-tokens', 'Linear API key', 'LINEAR_API_KEY', ['lin_api_'], `lin_api_[A-Za-z0-9]{40}${END}`),
  // https://developers.notion.com/docs/authorization (secret_ + 43, ntn_ tokens)
  prefix('notion-token', 'no-saas-api-tokens', 'Notion integration token', 'NOTION_TOKEN', ['secret_', 'ntn_'], `(?:secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})${END}`),
  // https://learning.postman.com/docs/developer/postman-api/authentication/ (PMAK-<24 hex>-<34 hex>)
  prefix('postman-api-key', 'no-saas-api-tokens', 'Postman API key', 'POSTMAN_API_KEY', ['PMAK-'], `PMAK-[a-f0-9]{24}-[a-f0-9]{34}${END}`),
  // https://airtable.com/developers/web/guides/personal-access-tokens (pat<14>.<64 hex>)
  prefix('airtable-token', 'no-saas-api-tokens', 'Airtable personal access token', 'AIRTABLE_TOKEN', ['pat'], `pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}${END}`),
  // https://www.figma.com/developers/api#access-tokens (figd_)
  prefix('figma-token', 'no-saas-api-tokens', 'Figma personal access token', 'FIGMA_TOKEN', ['figd_'], `figd_[A-Za-z0-9_-]{40}${END}`),
  // https://www.contentful.com/developers/docs/references/authentication/ (CFPAT-)
  prefix('contentful-token', 'no-saas-api-tokens', 'Contentful personal access token', 'CONTENTFUL_MANAGEMENT_TOKEN', ['CFPAT-'], `CFPAT-[A-Za-z0-9_-]{43}${END}`),
  // https://docs.mapbox.com/help/getting-started/access-tokens/ (secret tokens start sk.eyJ; pk. tokens are public)
  prefix('mapbox-secret-token', 'no-saas-api-tokens', 'Mapbox secret token', 'MAPBOX_SECRET_TOKEN', ['sk.eyJ'], `sk\\.eyJ[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}${END}`),
  // https://www.typeform.com/developers/get-started/personal-access-token/ (tfp_)
  prefix('typeform-token', 'no-saas-api-tokens', 'Typeform personal access token', 'TYPEFORM_TOKEN', ['tfp_'], `tfp_[A-Za-z0-9_.=-]{40,70}${END}`),
  // https://docs.sonarsource.com/sonarqube/latest/user-guide/user-account/generating-and-using-tokens/ (squ_, sqp_, sqa_ + 40 hex)
  prefix('sonarqube-token', 'no-saas-api-tokens', 'SonarQube token', 'SONAR_TOKEN', ['squ_', 'sqp_', 'sqa_'], `sq[upa]_[a-f0-9]{40}${END}`),
  // https://docs.snyk.io/snyk-api/authentication-for-api (UUID tokens)
  keyed('snyk-token', 'no-saas-api-tokens', 'Snyk API token', 'SNYK_TOKEN', ['snyk'], UUID_RE),
  // https://docs.readme.com/main/reference/intro-authentication (rdme_ + 70)
  prefix('readme-api-key', 'no-saas-api-tokens', 'ReadMe API key', 'README_API_KEY', ['rdme_'], `rdme_[a-z0-9]{70}${END}`),
  // https://docs.prefect.io/latest/cloud/users/api-keys/ (pnu_ + 36)
  prefix('prefect-api-key', 'no-saas-api-tokens', 'Prefect API key', 'PREFECT_API_KEY', ['pnu_'], `pnu_[A-Za-z0-9]{36}${END}`),
  // https://developer.frame.io/docs/getting-started/authentication (fio-u-)
  prefix('frameio-token', 'no-saas-api-tokens', 'Frame.io token', 'FRAMEIO_TOKEN', ['fio-u-'], `fio-u-[A-Za-z0-9_=-]{64}${END}`),
  // https://www.infracost.io/docs/integrations/infracost_api/ (ico- + 32)
  prefix('infracost-api-key', 'no-saas-api-tokens', 'Infracost API key', 'INFRACOST_API_KEY', ['ico-'], `ico-[A-Za-z0-9]{32}${END}`),
  // https://io.adafruit.com/api/docs/#authentication (aio_ + 28)
  prefix('adafruit-io-key', 'no-saas-api-tokens', 'Adafruit IO key', 'ADAFRUIT_IO_KEY', ['aio_'], `aio_[A-Za-z0-9]{28}${END}`),
  // https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key (API- + 26+)
  prefix('octopus-api-key', 'no-saas-api-tokens', 'Octopus Deploy API key', 'OCTOPUS_API_KEY', ['API-'], `API-[A-Z0-9]{26,32}${END}`),
  // https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/ (pat.<account>.<id>.<secret>)
  prefix('harness-api-key', 'no-saas-api-tokens', 'Harness API key', 'HARNESS_API_KEY', ['pat.', 'sat.'], `(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}${END}`),
  // https://developers.hubspot.com/docs/api/private-apps (pat-na1-<uuid>)
  prefix('hubspot-token', 'no-saas-api-tokens', 'HubSpot private app token', 'HUBSPOT_ACCESS_TOKEN', ['pat-na1-', 'pat-eu1-'], `pat-(?:na|eu)1-${UUID_RE}${END}`),
  // https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token (sgp_)
  prefix('sourcegraph-token', 'no-saas-api-tokens', 'Sourcegraph access token', 'SRC_ACCESS_TOKEN', ['sgp_'], `sgp_(?:[a-f0-9]{16}_)?[a-f0-9]{40}${END}`),
  // https://dev.maxmind.com/geoip/docs/web-services/requests#authorization (license keys ending _mmk)
  prefix('maxmind-license-key', 'no-saas-api-tokens', 'MaxMind license key', 'MAXMIND_LICENSE_KEY', ['_mmk'], `(?<![A-Za-z0-9])([A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)${END}`, { lookbehind: 36 }),
  // https://duffel.com/docs/api/overview/authentication (duffel_live_, duffel_test_)
  prefix('duffel-token', 'no-saas-api-tokens', 'Duffel access token', 'DUFFEL_ACCESS_TOKEN', ['duffel_live_', 'duffel_test_'], `duffel_(?:live|test)_[A-Za-z0-9_=-]{43}${END}`),
  // https://circleci.com/docs/managing-api-tokens/ (CCIPAT_ personal tokens; older 40-hex)
  prefix('circleci-token', 'no-saas-api-tokens', 'CircleCI API token', 'CIRCLE_TOKEN', ['CCIPAT_'], `CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}${END}`),
  keyed('circleci-token-legacy', 'no-saas-api-tokens', 'CircleCI API token', 'CIRCLE_TOKEN', ['circleci', 'circle_token'], '[a-f0-9]{40}'),
  keyed('algolia-admin-key', 'no-saas-api-tokens', 'Algolia admin API key', 'ALGOLIA_ADMIN_KEY', ['algolia'], '[a-f0-9]{32}'),
  keyed('codecov-token', 'no-saas-api-tokens', 'Codecov upload token', 'CODECOV_TOKEN', ['codecov'], UUID_RE),
  keyed('zendesk-api-token', 'no-saas-api-tokens', 'Zendesk API token', 'ZENDESK_API_TOKEN', ['zendesk'], '[A-Za-z0-9]{40}'),
  keyed('intercom-token', 'no-saas-api-tokens', 'Intercom access token', 'INTERCOM_ACCESS_TOKEN', ['intercom'], '[A-Za-z0-9=_-]{60}'),
  keyed('asana-token', 'no-saas-api-tokens', 'Asana personal access token', 'ASANA_TOKEN', ['asana'], '\\d/\\d{10,16}(?:/\\d{10,16})?:[a-f0-9]{32}'),
  keyed('launchdarkly-key', 'no-saas-api-tokens', 'LaunchDarkly SDK or API key', 'LAUNCHDARKLY_SDK_KEY', ['launchdarkly', 'ld_sdk'], `(?:sdk|api|mob)-${UUID_RE}`),
  keyed('hubspot-api-key-legacy', 'no-saas-api-tokens', 'HubSpot API key', 'HUBSPOT_API_KEY', ['hubspot'], UUID_RE),
  keyed('segment-write-key', 'no-saas-api-tokens', 'Segment write key', 'SEGMENT_WRITE_KEY', ['segment_write', 'segment_key', 'segment_api'], '[A-Za-z0-9]{32}'),

  // ---- More providers with distinctive prefixes --------------------------------------------
  // https://www.tencentcloud.com/document/product/598/34228 (SecretId: AKID + 32)
  prefix('tencent-secret-id', 'no-cloud-credentials', 'Tencent Cloud SecretId', 'TENCENTCLOUD_SECRET_ID', ['AKID'], `AKID[A-Za-z0-9]{32}${END}`, { severity: 'high' }),
  // https://www.scaleway.com/en/docs/identity-and-access-management/iam/reference-content/api-keys/ (access keys: SCW + 17)
  prefix('scaleway-access-key', 'no-cloud-credentials', 'Scaleway access key', 'SCW_ACCESS_KEY', ['SCW'], `SCW[A-Z0-9]{17}${END}`, { severity: 'high' }),
  // https://render.com/docs/api#authentication (rnd_ API keys)
  prefix('render-api-key', 'no-cloud-credentials', 'Render API key', 'RENDER_API_KEY', ['rnd_'], `rnd_[A-Za-z0-9]{32}${END}`),
  // https://developers.dropbox.com/oauth-guide (short-lived access tokens: sl.)
  prefix('dropbox-token', 'no-saas-api-tokens', 'Dropbox access token', 'DROPBOX_ACCESS_TOKEN', ['sl.'], `sl\\.[A-Za-z0-9_-]{130,}${END}`),
  // https://buildkite.com/docs/apis/managing-api-tokens (bkua_ + 40 hex)
  prefix('buildkite-token', 'no-saas-api-tokens', 'Buildkite API token', 'BUILDKITE_API_TOKEN', ['bkua_'], `bkua_[a-f0-9]{40}${END}`),
  // https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication (ck_/cs_ + 40 hex)
  prefix('woocommerce-key', 'no-payment-service-keys', 'WooCommerce REST API key', 'WOOCOMMERCE_CONSUMER_SECRET', ['ck_', 'cs_'], `c[ks]_[a-f0-9]{40}${END}`),
  // https://developers.klaviyo.com/en/docs/authenticate_#private-key-authentication (pk_ + 34 hex private keys)
  prefix('klaviyo-private-key', 'no-messaging-service-tokens', 'Klaviyo private API key', 'KLAVIYO_PRIVATE_KEY', ['pk_'], `pk_[a-f0-9]{34}${END}`),
  // https://resend.com/docs/dashboard/api-keys/introduction (re_ API keys)
  prefix('resend-api-key', 'no-messaging-service-tokens', 'Resend API key', 'RESEND_API_KEY', ['re_'], `re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}${END}`),
  // https://docs.pinecone.io/guides/projects/manage-api-keys (pcsk_ keys)
  prefix('pinecone-api-key', 'no-ai-service-keys', 'Pinecone API key', 'PINECONE_API_KEY', ['pcsk_'], `pcsk_[A-Za-z0-9_]{50,100}${END}`),
  // https://docs.fireworks.ai/api-reference/introduction (fw_ keys)
  prefix('fireworks-api-key', 'no-ai-service-keys', 'Fireworks AI API key', 'FIREWORKS_API_KEY', ['fw_'], `fw_[A-Za-z0-9]{24,}${END}`),
  // https://elevenlabs.io/docs/api-reference/authentication (sk_ + 48 hex)
  prefix('elevenlabs-api-key', 'no-ai-service-keys', 'ElevenLabs API key', 'ELEVENLABS_API_KEY', ['sk_'], `sk_[a-f0-9]{48}${END}`),
  // https://api-docs.deepseek.com/ (sk- + 32 hex, a format several model APIs share)
  prefix('sk-hex-api-key', 'no-ai-service-keys', 'AI service API key (sk- format)', 'LLM_API_KEY', ['sk-'], `sk-[a-f0-9]{32}${END}`),
  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm (session IDs: 00D<org>!<token>)
  prefix('salesforce-access-token', 'no-saas-api-tokens', 'Salesforce access token', 'SALESFORCE_ACCESS_TOKEN', ['00D'], `00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,}${END}`),
  keyed('pagerduty-api-key', 'no-monitoring-service-keys', 'PagerDuty API key', 'PAGERDUTY_TOKEN', ['pagerduty', 'pd_token'], '[A-Za-z0-9_+-]{20}'),
  keyed('splunk-hec-token', 'no-monitoring-service-keys', 'Splunk HEC token', 'SPLUNK_HEC_TOKEN', ['splunk', 'hec_token', 'splunk_hec'], UUID_RE),
  keyed('mixpanel-secret', 'no-saas-api-tokens', 'Mixpanel or Amplitude secret', 'MIXPANEL_API_SECRET', ['mixpanel', 'amplitude'], '[a-f0-9]{32}'),
  keyed('bugsnag-rollbar-token', 'no-monitoring-service-keys', 'Bugsnag or Rollbar token', 'ROLLBAR_ACCESS_TOKEN', ['bugsnag', 'rollbar'], '[a-f0-9]{32}'),
  keyed('pusher-secret', 'no-messaging-service-tokens', 'Pusher app secret', 'PUSHER_APP_SECRET', ['pusher'], '[a-f0-9]{20}'),
  keyed('linode-token', 'no-cloud-credentials', 'Linode personal access token', 'LINODE_TOKEN', ['linode'], '[a-f0-9]{64}'),
  keyed('vultr-api-key', 'no-cloud-credentials', 'Vultr API key', 'VULTR_API_KEY', ['vultr'], '[A-Z0-9]{36}'),
  keyed('ibm-cloud-api-key', 'no-cloud-credentials', 'IBM Cloud API key', 'IBMCLOUD_API_KEY', ['ibmcloud', 'ibm_cloud', 'ibm_api'], '[A-Za-z0-9_-]{44}'),
  keyed('binance-api-key', 'no-payment-service-keys', 'Binance API key or secret', 'BINANCE_API_SECRET', ['binance'], '[A-Za-z0-9]{64}'),
  keyed('zoom-secret', 'no-saas-api-tokens', 'Zoom app secret', 'ZOOM_CLIENT_SECRET', ['zoom'], '[A-Za-z0-9]{32}'),
  keyed('fastly-api-token', 'no-cloud-credentials', 'Fastly API token', 'FASTLY_API_TOKEN', ['fastly'], '[A-Za-z0-9_-]{32}'),

  // ---- Private keys with a fixed prefix --------------------------------------------------
  // https://age-encryption.org/v1 (AGE-SECRET-KEY-1 + 58 bech32 characters)
  prefix('age-secret-key', 'no-private-keys', 'age secret key', 'AGE_SECRET_KEY', ['AGE-SECRET-KEY-1'], `AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}${END}`),
];
