import { TeamsParts } from './bot/teams';
import { contractsModule } from './contracts/module';
import { controlModule } from './control/module';
import { CapabilityModule } from './core/module';
import { helpModule } from './help/module';
import { intakeModule } from './intake/module';
import { planModule } from './plan/module';
import { policyModule } from './policy/module';
import { spendModule } from './spend/module';
import { surveyModule } from './survey/module';

/**
 * Every capability, in order. The order is the setup order (a module may use the services of those
 * before it), the order in which event listeners run, the order of explicit commands in the text router,
 * and the order of Teams' command menus. Adding a capability is adding its folder and one line here.
 */
export const MODULES: readonly CapabilityModule<TeamsParts>[] = [spendModule, contractsModule, intakeModule, planModule, surveyModule, controlModule, policyModule, helpModule];
