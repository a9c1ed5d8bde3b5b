import { z } from 'zod';
import { TeamsParts } from '../bot/teams';
import { PrivateReply, person, turnLocale } from '../bot/turn';
import { asAttachment } from '../cards/loader';
import { CategoryDirectory } from '../core/category-repository';
import { todayInSweden } from '../core/dates';
import { OfficerDirectory } from '../core/officer-repository';
import { t } from '../i18n';
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

const yearSchema = z.coerce.number().int().min(2000).max(2100);

/** The year a command names ("rapport internkontroll 2026"), this year when it names none, null when out of range. */
export function commandYear(text: string, today: string): number | null {
  const given = /(\d{4})\s*[.!]?$/.exec(text)?.[1];
  const parsed = yearSchema.safeParse(given ?? today.slice(0, 4));
  return parsed.success ? parsed.data : null;
}

/** "rapport internkontroll [år]": officers get the yearly report in their 1:1 chat. */
export function controlTeams(deps: ControlTeamsDeps): TeamsParts {
  return {
    commands: {
      'control.report': async (ctx, text) => {
        const locale = turnLocale(ctx);
        if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'intake.errorsApi.forbidden')));
        const year = commandYear(text, todayInSweden(deps.now?.()));
        if (year === null) return void (await ctx.sendActivity(t(locale, 'control.badYear')));
        const report = await deps.reports.build(year);
        const card = controlReportCard(locale, report, { categories: await deps.categories.list(), minResponses: deps.minResponses, satisfiedFrom: deps.satisfiedFrom });
        await deps.privateReply(ctx, { attachments: [asAttachment(card)] });
      },
    },
  };
}
