import { COMMAND_SCOPES, MAX_MENU_COMMANDS, commandMenus, findCommand, findCommands, helpEntries } from '../../src/core/commands';
import { readMessage } from '../../src/core/reading';
import { MODULES } from '../../src/modules';

const specs = MODULES.flatMap((m) => m.commands);

describe('commands from one source', () => {
  it.each([
    ['anmäl behov', 'intake.new'],
    ['mina ärenden', 'intake.my-cases'],
    ['my cases', 'intake.my-cases'],
    ['ta emot behov här', 'intake.register-channel'],
    ['rapport behov 2026', 'intake.report'],
    ['skicka enkät INK-2026-0042', 'survey.send'],
    ['nki kategori IT', 'survey.nki'],
    ['Policyfråga: får jag köpa kaffe?', 'policy.question'],
    ['fråga en inköpare: hur beställer jag tolk?', 'policy.ask'],
    ['kunskapsbank förslag', 'policy.kb'],
    ['sök avtal handskar', 'contracts.search'],
    ['hjälp', 'help.help'],
    ['meny', 'help.menu'],
    // Catch-alls, by the message's reading: a question about rules to policy guidance, a buying question to the catalogue.
    ['Vem ansvarar för avtalstroheten?', 'policy.free-question'],
    ['handskar', 'contracts.anything'],
    ['Har vi avtal på tolk?', 'contracts.anything'],
    ['Var köper jag pennor?', 'contracts.anything'],
    ['Where can I buy a laptop?', 'contracts.anything'],
    ['Får jag köpa utanför avtalet?', 'policy.free-question'],
  ])('%p → %s', (text, id) => {
    expect(findCommand(text, specs)?.id).toBe(id);
  });

  it('lets several catch-alls answer one message, the catalogue first: an amount with a product, and buying outside the contract', () => {
    const answering = (text: string) => findCommands(text, specs, readMessage(text)).specs.map((s) => s.id);
    expect(answering('Får jag köpa en dator för 15 000 kr utan avtal?')).toEqual(['contracts.anything', 'policy.free-question']);
    expect(answering('Får jag köpa kaffe utanför avtalet?')).toEqual(['contracts.anything', 'policy.free-question']);
    expect(answering('Vad är gränsen för direktupphandling?')).toEqual(['policy.free-question']);
    expect(answering('Har vi avtal på tolk?')).toEqual(['contracts.anything']);
    // A command is one answer, and the reading says so.
    expect(findCommands('sök avtal tolk', specs, readMessage('sök avtal tolk')).reading.intent).toBe('command');
  });

  it('gives Teams a menu per scope within its limit, in module order, with texts in both languages', () => {
    for (const locale of ['sv', 'en'] as const) {
      const menus = commandMenus(specs, locale);
      expect(menus.map((m) => m.scopes[0])).toEqual([...COMMAND_SCOPES]);
      for (const menu of menus) {
        expect(menu.commands.length).toBeLessThanOrEqual(MAX_MENU_COMMANDS);
        for (const c of menu.commands) {
          expect(c.title.length).toBeLessThanOrEqual(32);
          expect(c.description.length).toBeLessThanOrEqual(128);
          expect(c.title).not.toMatch(/^commands\./);
        }
      }
    }
    expect(commandMenus(specs, 'sv')[0].commands.map((c) => c.title)).toEqual(['Sök avtal', 'Anmäl behov', 'Mina ärenden', 'Policyfråga', 'Hjälp']);
  });

  it('puts officers\' tools apart on the help card', () => {
    const { everyone, officers } = helpEntries(specs, 'sv');
    expect(everyone.map((e) => e.title)).toContain('Anmäl behov');
    expect(officers.map((e) => e.title)).toEqual(expect.arrayContaining(['Ta emot behov här', 'Rapport behov', 'NKI']));
    expect(everyone.map((e) => e.title)).not.toContain('Rapport behov');
  });
});
