import { TeamsParts } from '../bot/teams';
import { VERBS } from '../cards/verbs';
import { CapabilityModule } from '../core/module';
import { teamWelcomeCard, welcomeCard } from './cards';
import { HELP_COMMANDS } from './commands';
import { helpTeams } from './teams';

/** Welcome when the app is installed, help and the start menu. */
export const helpModule: CapabilityModule<TeamsParts> = {
  name: 'help',
  verbs: [VERBS.menuHelp],
  commands: HELP_COMMANDS,
  setup(ctx) {
    return {
      teams: helpTeams(ctx.commands),
      async onEvent(event, io) {
        // The bot itself was added: a welcome in the chat, or in a team what staff and officers can do.
        if (event.kind !== 'membersAdded' || !event.bot) return;
        const inTeam = event.conversationType === 'channel' || Boolean(event.teamId);
        await io.reply({ attachments: [inTeam ? teamWelcomeCard(io.locale) : welcomeCard(io.locale)] });
      },
    };
  },
};
