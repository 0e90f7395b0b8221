// Cloud permissions as blast radius: which granted actions make an identity an administrator,
// which are broad (wildcards), and whether one list of actions covers another (for drift).

/** Actions that let the holder do anything, or grant itself anything. */
const ADMIN_ACTIONS = new Set(['*', '*:*', 'iam:*', 'sts:*', 'organizations:*']);

/** AWS managed policies by what they grant, for `policy_arn = "arn:aws:iam::aws:policy/..."`. */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, readonly string[]>> = {
  AdministratorAccess: ['*'],
  PowerUserAccess: ['*'],
  IAMFullAccess: ['iam:*'],
  AmazonS3FullAccess: ['s3:*'],
  AmazonS3ReadOnlyAccess: ['s3:Get*', 's3:List*'],
  AmazonDynamoDBFullAccess: ['dynamodb:*'],
  AmazonDynamoDBReadOnlyAccess: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
  AmazonRDSFullAccess: ['rds:*'],
  AmazonSQSFullAccess: ['sqs:*'],
  AmazonSNSFullAccess: ['sns:*'],
  SecretsManagerReadWrite: ['secretsmanager:*'],
  AWSKeyManagementServicePowerUser: ['kms:*'],
  AmazonEC2FullAccess: ['ec2:*'],
  AWSLambda_FullAccess: ['lambda:*'],
  CloudWatchLogsFullAccess: ['logs:*'],
  AWSLambdaBasicExecutionRole: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
  AmazonECSTaskExecutionRolePolicy: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'],
};

export type BlastRadius = 'admin' | 'broad' | 'narrow';

function isAdminAction(action: string): boolean {
  return ADMIN_ACTIONS.has(action.toLowerCase());
}

function isWildcardAction(action: string): boolean {
  return action.includes('*') || action.includes('?');
}

/** How much an identity with these actions (or marked privileged) can reach. */
export function blastRadius(actions: readonly string[], privileged: boolean): BlastRadius {
  if (privileged || actions.some(isAdminAction)) return 'admin';
  if (actions.some(isWildcardAction)) return 'broad';
  return 'narrow';
}

/** The actions worth naming first: admin, then wildcards, then the rest; duplicates removed. */
export function notableActions(actions: readonly string[]): string[] {
  const unique = [...new Set(actions)];
  const rank = (action: string): number => (isAdminAction(action) ? 0 : isWildcardAction(action) ? 1 : 2);
  return unique.sort((a, b) => rank(a) - rank(b));
}

/** Whether `granted` (an action pattern in a declaration) allows everything `action` allows. */
function covers(granted: string, action: string): boolean {
  const pattern = granted.toLowerCase();
  const text = action.toLowerCase();
  // Greedy wildcard match, `*` any run and `?` one character; a `*` in `action` is just a character
  // here, so `dynamodb:*` is covered by `dynamodb:*` or `*` but not by `dynamodb:GetItem`.
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The actions of `actions` that no pattern of `declared` covers. */
export function uncovered(declared: readonly string[], actions: readonly string[]): string[] {
  return [...new Set(actions)].filter((action) => !declared.some((granted) => covers(granted, action)));
}
