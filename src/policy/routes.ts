import type { Server } from 'restify';
import { todayInSweden } from '../core/dates';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { ApiAccess } from '../http/copilot-access';
import { ApiOperation } from '../http/operation';
import { HttpProblem, requestLocale, route, sendJson } from '../http/problem';
import { zodReason } from '../http/zod-reason';
import { Logger } from '../logger';
import { answerJson, deterministicAnswer, policyAnswerQuerySchema, policyAnswerResponseSchema } from './answer';
import { MAX_QUESTION_LENGTH } from './query';

/** GET /api/policy/answer: the policy answer the bot gives, for Microsoft 365 Copilot and other clients. */
export const answerPolicyQuestionOperation: ApiOperation = {
  method: 'get',
  path: '/api/policy/answer',
  operationId: 'answerPolicyQuestion',
  summary: "Answer a question on the regions' purchasing rules, with figures and sources",
  description:
    'Answers questions on public procurement rules as Region Sörmland and Region Västmanland apply them: direct procurement limits, ' +
    'thresholds, documentation duty, procedures, lead times, the purchasing policy, ordering routes, invoicing, environmental and social ' +
    'requirements. Call it for every question on legal limits or rules, and use only its figures and sources, never your own. When the ' +
    'question names an amount to buy for ("får jag direktupphandla städ för 900 000 kr?"), `calculation` holds the rule calculator\'s result: ' +
    'kind of purchase, the threshold period, the limits with their sources, the likely route and lead time. Otherwise `passages` quote the ' +
    "regions' documents with their sources; `kind: none` means the documents hold no reliable answer: say so. Always pass on `askOfficer`. " +
    'Deterministic: no language model is involved. An unknown query parameter is refused with 400.',
  query: policyAnswerQuerySchema,
  params: {
    q: { description: 'The question as the user asked it, Swedish or English; keep any amount in it.', example: 'Får jag direktupphandla städtjänster för 900 000 kr?' },
    lang: { description: 'The language of the answer when the question does not tell (sv or en); default: Accept-Language, else sv.', example: 'sv' },
  },
  response: { description: 'The answer, its sources, the hint on asking an officer, and the data of the assistant\'s card', schema: policyAnswerResponseSchema },
  problems: { '400': null, '401': 'No valid Entra ID token (COPILOT_AUTH=entra).', '429': null, '500': null, '503': 'Entra ID sign-in is not configured.' },
  copilot: true,
};

export interface PolicyRoutesDeps {
  db: Db;
  logger: Logger;
  access: ApiAccess;
  inkopEmail: string;
  now?: () => Date;
}

export function register(server: Server, deps: PolicyRoutesDeps): void {
  server.get(
    '/api/policy/answer',
    route(
      async (req, res) => {
        let locale: Locale = requestLocale(req);
        await deps.access.check(req, res, locale);
        const p = policyAnswerQuerySchema.safeParse(req.query ?? {});
        if (!p.success) {
          const unknown = p.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
          const issue = p.error.issues[0];
          const detail = unknown.length
            ? t(locale, 'api.unknownParameter', { names: unknown.join(', ').slice(0, 200), allowed: 'q, lang' })
            : t(locale, 'api.invalidParameter', { name: String(issue?.path[0] ?? ''), reason: zodReason(locale, issue) });
          throw new HttpProblem(400, t(locale, 'api.badRequest'), detail);
        }
        locale = p.data.lang ?? locale;
        const question = p.data.q.slice(0, MAX_QUESTION_LENGTH);
        const answer = await deterministicAnswer(deps.db, question, { locale, today: todayInSweden(deps.now?.()) });
        sendJson(res, 200, answerJson(answer, locale, deps.inkopEmail));
      },
      (err, req) => deps.logger.error({ err: (err as Error)?.message, stack: (err as Error)?.stack, path: req.path(), reqId: req.id() }, 'request failed'),
    ),
  );
}
