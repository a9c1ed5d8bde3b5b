import { TurnContext } from 'botbuilder';
import { cardAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { BotApp } from './teams';
import { messageText, turnLocale } from './turn';

export function welcomeCard(locale: Locale) {
  return cardAttachment('welcome', {
    title: t(locale, 'welcome.title'),
    intro: t(locale, 'welcome.intro'),
    searchLabel: t(locale, 'welcome.searchLabel'),
    searchPlaceholder: t(locale, 'welcome.searchPlaceholder'),
    searchButton: t(locale, 'welcome.searchButton'),
    menuTitle: t(locale, 'welcome.menuTitle'),
    verbs: { search: VERBS.contractsSearch },
    menu: [
      { label: t(locale, 'welcome.menuIntake'), description: t(locale, 'welcome.menuIntakeDescription'), verb: VERBS.menuIntake },
      { label: t(locale, 'welcome.menuPolicy'), description: t(locale, 'welcome.menuPolicyDescription'), verb: VERBS.menuPolicy },
      { label: t(locale, 'welcome.menuHelp'), description: t(locale, 'help.intro'), verb: VERBS.menuHelp },
    ],
  });
}

export function helpCard(locale: Locale) {
  return cardAttachment('help', {
    title: t(locale, 'help.title'),
    intro: t(locale, 'help.intro'),
    sections: [
      { heading: t(locale, 'help.searchTitle'), text: t(locale, 'help.searchExamples') },
      { heading: t(locale, 'help.filterTitle'), text: t(locale, 'help.filterExamples') },
      { heading: t(locale, 'help.intakeTitle'), text: t(locale, 'help.intakeText') },
      { heading: t(locale, 'help.casesTitle'), text: t(locale, 'help.casesText') },
      { heading: t(locale, 'help.policyTitle'), text: t(locale, 'help.policyText') },
      { heading: t(locale, 'help.surveyTitle'), text: t(locale, 'help.surveyText') },
      { heading: t(locale, 'help.extensionTitle'), text: t(locale, 'help.extensionText') },
      { heading: t(locale, 'help.officersTitle'), text: t(locale, 'help.officersText') },
      { heading: t(locale, 'help.moreTitle'), text: t(locale, 'help.moreText') },
    ],
  });
}

/** Sent when the app is added to a team: what staff can ask, and how officers register their channel. */
export function teamWelcomeCard(locale: Locale) {
  return cardAttachment('help', {
    title: t(locale, 'teamWelcome.title'),
    intro: t(locale, 'teamWelcome.intro'),
    sections: [
      { heading: t(locale, 'teamWelcome.officersTitle'), text: t(locale, 'teamWelcome.officersText') },
      { heading: '', text: t(locale, 'teamWelcome.officersRoles') },
      { heading: '', text: t(locale, 'teamWelcome.helpText') },
    ],
  });
}

const HELP = /^(hj[aä]lp|help|\?)$/i;
const MENU = /^(meny|menu|start|hej|hi|hello|hall[aå]|god\s*morgon|tjena)[!.]?$/i;

/** Welcome on install, the menu, help, and the menu buttons. */
export function register(app: BotApp): void {
  app.conversationUpdate('membersAdded', async (ctx: TurnContext) => {
    const botId = ctx.activity.recipient?.id;
    const botAdded = (ctx.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    const inTeam = ctx.activity.conversation?.conversationType === 'channel' || Boolean((ctx.activity.channelData as { team?: unknown } | undefined)?.team);
    const locale = turnLocale(ctx);
    await ctx.sendActivity({ attachments: [inTeam ? teamWelcomeCard(locale) : welcomeCard(locale)] });
  });

  app.message(async (ctx) => HELP.test(messageText(ctx)), async (ctx) => {
    await ctx.sendActivity({ attachments: [helpCard(turnLocale(ctx))] });
  });
  app.message(async (ctx) => MENU.test(messageText(ctx)), async (ctx) => {
    await ctx.sendActivity({ attachments: [welcomeCard(turnLocale(ctx))] });
  });

  app.adaptiveCards.actionSubmit(VERBS.menuHelp, async (ctx) => {
    await ctx.sendActivity({ attachments: [helpCard(turnLocale(ctx))] });
  });
}
