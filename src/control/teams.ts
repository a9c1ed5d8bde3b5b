import { TeamsParts } from '../bot/teams';
import { PrivateReply, person, turnLocale } from '../bot/turn';
import { asAttachment } from '../cards/loader';
import { CategoryDirectory } from '../core/category-repository';
import { todayInSweden } from '../core/dates';
import { OfficerDirectory } from '../core/officer-repository';
import { t } from '../i18n';
import { YEAR_MIN, commandYear, yearMax } from '../util/input';
import { controlReportCard } from './cards';
import { ControlReports } from './service';

export interface ControlTeamsDeps {
  reports: ControlReports;
  officers: OfficerDirectory;
  categories: CategoryDirectory;
  minResponses: number;
  satisfiedFrom?: number;
  privateReply: PrivateReply;
  now?: () => Date;
}

/** The words of the command, before the year. */
const COMMAND_WORDS = /^(?:rapport\s+internkontroll|internal\s+control\s+report)/i;

/** "rapport internkontroll [år]": officers get the yearly report in their 1:1 chat. */
export function controlTeams(deps: ControlTeamsDeps): TeamsParts {
  return {
    commands: {
      'control.report': async (ctx, text) => {
        const locale = turnLocale(ctx);
        if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'errors.forbidden')));
        const year = commandYear(text.replace(COMMAND_WORDS, ''), todayInSweden(deps.now?.()));
        if (year === null) return void (await ctx.sendActivity(t(locale, 'common.badYear', { min: YEAR_MIN, max: yearMax(), example: t(locale, 'control.yearExample') })));
        const report = await deps.reports.build(year);
        const card = controlReportCard(locale, report, { categories: await deps.categories.list(), minResponses: deps.minResponses, satisfiedFrom: deps.satisfiedFrom });
        await deps.privateReply(ctx, { attachments: [asAttachment(card)] });
      },
    },
  };
}
