import { z } from 'zod';

/**
 * The environment, parsed once at start. Every variable is documented in .env.example.
 * A bad value stops the start with one message that names every bad variable.
 */
const booleanFromEnv = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (['true', '1', 'yes', 'ja'].includes(v)) return true;
      if (['false', '0', 'no', 'nej'].includes(v)) return false;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be true or false' });
      return z.NEVER;
    });

/** Weekday names (ISO order, Monday first) PLAN_DIGEST_DAY accepts besides 1–7. */
const WEEKDAYS = [
  ['mon', 'monday', 'måndag', 'mandag'],
  ['tue', 'tuesday', 'tisdag'],
  ['wed', 'wednesday', 'onsdag'],
  ['thu', 'thursday', 'torsdag'],
  ['fri', 'friday', 'fredag'],
  ['sat', 'saturday', 'lördag', 'lordag'],
  ['sun', 'sunday', 'söndag', 'sondag'],
];
const ROUTE_NAME = z.enum(['existing-contract', 'call-off', 'direct', 'advertised-below', 'open-above', 'complex']);

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

/** A variable holding JSON: parsed, or "must be JSON". */
const jsonText = z.string().transform((v, ctx) => {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON' });
    return z.NEVER;
  }
});

export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: optionalString,
    // Where the Bot Framework publishes its token signing keys; only for private clouds and offline tests.
    BotOpenIdMetadata: optionalString.pipe(z.string().url().optional()),
    ALLOWED_TENANT_IDS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().uuid('must be Entra tenant ids (GUIDs) separated by commas'))),
    // Microsoft 365 Copilot (src/copilot): who may call the catalogue and policy operations over REST. entra: an
    // Entra ID access token for COPILOT_API_AUDIENCE from a tenant in ALLOWED_TENANT_IDS; none: open (the
    // catalogue is public). Default: entra when MicrosoftAppId is set, none in local mode.
    COPILOT_AUTH: z.enum(['entra', 'none']).optional(),
    // Accepted token audiences (the API's application id and/or its Application ID URI); default MicrosoftAppId.
    COPILOT_API_AUDIENCE: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    // The delegated scope the token must carry (scp).
    COPILOT_API_SCOPE: z.string().trim().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a scope name such as access_as_user').default('access_as_user'),
    // A tenant's OpenID metadata; {tenant} is replaced by the token's tenant id. Only for private clouds and tests.
    COPILOT_OPENID_METADATA: z
      .string()
      .trim()
      .url()
      .default('https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration'),
    CONTRACTS_ADMIN_KEY: optionalString.pipe(
      z.string().min(16, 'must be at least 16 characters').optional(),
    ),
    // A full export may remove at most this share (percent) of the current catalogue unless forced.
    IMPORT_MAX_REMOVAL_PERCENT: z.coerce.number().min(0).max(100).default(20),
    // An import (REST, Teams) may create at most this many new categories unless the officer confirms the number.
    IMPORT_MAX_NEW_CATEGORIES: z.coerce.number().int().min(0).max(10_000).default(20),
    // Largest contract file accepted (REST, Teams upload), in megabytes.
    IMPORT_MAX_FILE_MB: z.coerce.number().int().min(1).max(200).default(20),
    // Hosts an officer's file in Teams may be downloaded from (https only): the organisation's SharePoint/OneDrive.
    IMPORT_DOWNLOAD_HOSTS: z
      .string()
      .optional()
      .transform((v) => (v ?? '*.sharepoint.com,*.sharepoint.us,*.svc.ms').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be host names (a leading *. allowed) separated by commas'))),
    SEED_SAMPLE_DATA: booleanFromEnv(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
    // Requests per minute per client (IP, or key when one is presented) on the REST API; 0 = no limit.
    API_RATE_LIMIT: optionalString.pipe(z.coerce.number().int().min(0).max(100_000).optional()).transform((v) => v ?? 300),
    // Reverse proxies in front of the app that append to X-Forwarded-For; 0 = use the socket's address.
    TRUSTED_PROXY_HOPS: optionalString.pipe(z.coerce.number().int().min(0).max(10).optional()).transform((v) => v ?? 0),
    INKOP_CONTACT_EMAIL: z.string().trim().email().default('inkop@example.org'),
    PROCUREMENT_OFFICERS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[0-9a-f-]{8,64}$/i, 'must be Entra object ids separated by commas'))),
    INTAKE_CHANNEL_ID: optionalString,
    INTAKE_SERVICE_URL: z.string().trim().url().default('https://smba.trafficmanager.net/emea/'),
    REPORTS_KEY: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    KNOWLEDGE_DIR: optionalString,
    SURVEY_TRIGGER: z.enum(['avtal-tecknat', 'avslutad']).default('avtal-tecknat'),
    REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    CLOSE_DAYS: z.coerce.number().int().min(2).max(120).default(14),
    // k: the fewest distinct people an NKI figure may rest on (never below 3).
    NKI_MIN_RESPONSES: z.coerce.number().int().min(3, 'must be at least 3 (people)').max(100).default(5),
    NKI_SATISFIED_FROM: z.coerce.number().int().min(1).max(10).default(8),
    // Key of the pseudonym a released NKI answer keeps until the retention purge (kept outside the database); unset = none kept.
    NKI_PSEUDONYM_KEY: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    // The business plan's indicator target for coordinated procurements (contracts covering both regions) a year.
    CONTROL_COORDINATED_TARGET: z.coerce.number().int().min(0).max(10_000).default(30),
    // Count searches (folded query, hit or not; people as keyed hashes only for searches without a hit).
    SEARCH_LOG: booleanFromEnv(true),
    // The search log's HMAC secret, outside the database; the same on every instance (required with an app id).
    SEARCH_LOG_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    // A query shows in the unmet-searches report from this many different people searching without a hit (never one person).
    UNMET_MIN_PEOPLE: z.coerce.number().int().min(2).max(1000).default(3),
    OPENAI_API_KEY: optionalString,
    OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
    OPENAI_ENDPOINT: optionalString.pipe(z.string().url().optional()),
    AZURE_OPENAI_ENDPOINT: optionalString.pipe(z.string().url().regex(/^https:\/\//, 'must be an https:// URL').optional()),
    AZURE_OPENAI_API_KEY: optionalString,
    AZURE_OPENAI_DEPLOYMENT: optionalString,
    AZURE_OPENAI_API_VERSION: z.string().trim().default('2024-10-21'),
    MODEL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    // Per person and hour: needs submitted, questions to officers, survey answers and sends; 0 = no limit.
    LIMIT_CASES_PER_HOUR: z.coerce.number().int().min(0).max(10_000).default(20),
    LIMIT_QUESTIONS_PER_HOUR: z.coerce.number().int().min(0).max(10_000).default(30),
    LIMIT_SURVEY_ACTIONS_PER_HOUR: z.coerce.number().int().min(0).max(10_000).default(60),
    LIMIT_IMPORT_ACTIONS_PER_HOUR: z.coerce.number().int().min(0).max(10_000).default(60),
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    TEAMS_TENANT_RPS: z.coerce.number().int().min(1).max(1000).default(30),
    OUTBOX_LOCK_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    METRICS_KEY: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    // Days to keep personal data (see src/ops/retention.ts); 0 or off = keep for ever. null when off.
    RETENTION_DAYS: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return 730 as number | null;
        if (v === '0' || v === 'off') return null;
        const n = Number(v);
        if (/^\d+$/.test(v) && n >= 30 && n <= 3650) return n;
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a number of days from 30 to 3650, or 0 / off' });
        return z.NEVER;
      }),
    LEAD_TIMES: optionalString.pipe(
      jsonText
        .pipe(
          z.record(
            z.enum(['existing-contract', 'call-off', 'direct', 'advertised-below', 'open-above', 'complex']),
            z.object({ minDays: z.number().int().min(0), maxDays: z.number().int().min(0) }).refine((l) => l.maxDays >= l.minDays, 'maxDays below minDays'),
          ),
        )
        .optional(),
    ),
    // The procurement plan (src/plan): contracts whose final end falls within this many months, and open cases.
    PLAN_HORIZON_MONTHS: z.coerce.number().int().min(1).max(60).default(18),
    // An extension is to be decided this many months before the current end.
    PLAN_NOTICE_MONTHS: z.coerce.number().int().min(0).max(24).default(3),
    // Days between a signed contract and its start (set-up in e-commerce): part of the plan's lead time.
    PLAN_IMPLEMENTATION_DAYS: z.coerce.number().int().min(0).max(365).default(30),
    // The weekly renewal digest in the officers' channel: ISO weekday (1 = Monday … 7, or a day's name; 0 / off = none)
    // and time, Swedish time. Items due within PLAN_ALERT_WEEKS weeks, and overdue ones.
    PLAN_DIGEST_DAY: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return 1 as number | null;
        if (v === '0' || v === 'off') return null;
        const day = /^[1-7]$/.test(v) ? Number(v) : WEEKDAYS.findIndex((names) => names.includes(v)) + 1;
        if (day >= 1) return day;
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a weekday 1–7 (1 = Monday), a day name, or 0 / off' });
        return z.NEVER;
      }),
    PLAN_DIGEST_TIME: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour, Swedish time)').default('07:00'),
    PLAN_ALERT_WEEKS: z.coerce.number().int().min(1).max(52).default(8),
    // Staff see "Avtalet löper ut …" on a contract whose final end is within this many months (0 = never).
    PLAN_STAFF_MONTHS: z.coerce.number().int().min(0).max(60).default(12),
    // The likely route of a contract's re-procurement by contract type and by category, as JSON, over the
    // defaults in src/plan/route-defaults.ts, e.g. {"types":{"avtal":"open-above"},"categories":{"lakemedel":"open-above"}}.
    PLAN_CONTRACT_ROUTES: optionalString.pipe(
      jsonText
        .pipe(z.object({ types: z.record(z.string().min(1), ROUTE_NAME).optional(), categories: z.record(z.string().min(1), ROUTE_NAME).optional() }).strict())
        .optional(),
    ),
  });

/** Checks across variables; run on the raw environment so they are reported together with every other problem. */
function crossChecks(env: NodeJS.ProcessEnv): string[] {
  const v = (name: string) => (env[name] ?? '').trim();
  const problems: string[] = [];
  const type = v('MicrosoftAppType') || 'SingleTenant';
  if (v('MicrosoftAppId') && type !== 'UserAssignedMSI' && !v('MicrosoftAppPassword')) {
    problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (v('MicrosoftAppId') && type !== 'MultiTenant' && !v('MicrosoftAppTenantId')) {
    problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType is ${type}`);
  }
  if (v('MicrosoftAppId') && !/^(false|0|no|nej)$/i.test(v('SEARCH_LOG')) && !v('SEARCH_LOG_SECRET')) {
    problems.push('SEARCH_LOG_SECRET is required when MicrosoftAppId is set (the same value on every instance), unless SEARCH_LOG=false');
  }
  const azure = ['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_DEPLOYMENT'].filter((n) => v(n));
  if (azure.length > 0 && azure.length < 3) {
    problems.push(`AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT go together (only ${azure.join(', ')} set)`);
  }
  return problems;
}

export type Config = z.infer<typeof configSchema> & {
  readonly localMode: boolean;
  /** Each capability's settings (its module's `settings` fragment), parsed with the rest, by module name. */
  readonly settings?: Readonly<Record<string, Record<string, unknown>>>;
};

/** A part of the program with settings of its own: a capability module and its zod fragment over environment variables. */
export interface SettingsOwner {
  name: string;
  settings?: z.AnyZodObject;
}

/** The kernel's variables and every owner's fragment as one schema; a variable claimed twice stops the start. */
export function settingsSchema(owners: readonly SettingsOwner[] = []): z.AnyZodObject {
  let schema: z.AnyZodObject = configSchema;
  const claimed = new Map<string, string>(Object.keys(configSchema.shape).map((k) => [k, 'the kernel (src/config.ts)']));
  for (const o of owners) {
    if (!o.settings) continue;
    for (const key of Object.keys(o.settings.shape)) {
      if (claimed.has(key)) throw new Error(`setting ${key} is declared by both ${claimed.get(key)} and ${o.name}`);
      claimed.set(key, o.name);
    }
    schema = schema.merge(o.settings);
  }
  return schema;
}

/** The values of one capability's settings, as parsed at start (the defaults when the config was loaded without it). */
export function settingsOf<S extends z.AnyZodObject>(config: Pick<Config, 'settings'>, owner: { name: string; settings?: S }): z.infer<S> {
  return (config.settings?.[owner.name] ?? owner.settings?.parse({}) ?? {}) as z.infer<S>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment: the kernel's variables and each owner's (the modules of src/modules.ts, see
 * src/index.ts); throws ConfigError naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, owners: readonly SettingsOwner[] = []): Config {
  const result = settingsSchema(owners).safeParse(env);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`)),
    ...crossChecks(env),
  ];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const data = result.data as z.infer<typeof configSchema> & Record<string, unknown>;
  const settings = Object.fromEntries(
    owners.filter((o) => o.settings).map((o) => [o.name, Object.fromEntries(Object.keys(o.settings!.shape).map((k) => [k, data[k]]))]),
  );
  return { ...data, localMode: !data.MicrosoftAppId, ...(owners.length > 0 ? { settings } : {}) };
}
