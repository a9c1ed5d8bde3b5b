import { CardAttachment, cardAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { CommandSpec, helpEntries } from '../core/commands';
import { Locale, t } from '../i18n';

export function welcomeCard(locale: Locale): CardAttachment {
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

/** The help card, from the commands every module declares: everyone's first, then the officers' tools. */
export function helpCard(locale: Locale, commands: readonly CommandSpec[]): CardAttachment {
  const { everyone, officers } = helpEntries(commands, locale);
  const sections = [
    ...everyone.map((e) => ({ heading: e.title, text: e.text })),
    { heading: t(locale, 'help.filterTitle'), text: t(locale, 'help.filterExamples') },
    { heading: t(locale, 'help.extensionTitle'), text: t(locale, 'help.extensionText') },
    { heading: t(locale, 'help.surveyTitle'), text: t(locale, 'help.surveyText') },
    ...(officers.length > 0 ? [{ heading: t(locale, 'help.officersTitle'), text: officers.map((o) => `- ${o.text}`).join('\n') }] : []),
    { heading: t(locale, 'help.moreTitle'), text: t(locale, 'help.moreText') },
  ];
  return cardAttachment('help', { title: t(locale, 'help.title'), intro: t(locale, 'help.intro'), sections });
}

/** Sent when the app is added to a team: what staff can ask, and how officers register their channel. */
export function teamWelcomeCard(locale: Locale): CardAttachment {
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
